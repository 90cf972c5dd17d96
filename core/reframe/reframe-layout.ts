import type { ClipLayout, ClipSegmentLayout } from '../media/clip-layout.js';
import type { CropSample } from '../media/crop-path.js';
import type { CropPlan } from './plan-crop-path.js';
import type { ShotPlan } from './types.js';

type Kind = 'crop' | 'blur' | 'split';

interface Run {
  kind: Kind;
  shots: ShotPlan[];
}

function kindOf(shot: ShotPlan): Kind {
  if (shot.mode === 'blur') return 'blur';
  if (shot.mode === 'split') return 'split';
  return 'crop';
}

function runsOf(shots: ShotPlan[]): Run[] {
  const runs: Run[] = [];
  for (const shot of shots) {
    const last = runs[runs.length - 1];
    if (last && last.kind === kindOf(shot)) last.shots.push(shot);
    else runs.push({ kind: kindOf(shot), shots: [shot] });
  }
  return runs;
}

function samplesOf(shots: ShotPlan[], path: CropSample[]): CropSample[] {
  return shots.flatMap((shot) => path.slice(shot.samples[0], shot.samples[1] + 1));
}

function splitPaths(shots: ShotPlan[], origin: number): { top: CropSample[]; bottom: CropSample[] } {
  const held = (which: 0 | 1): CropSample[] =>
    shots.flatMap((shot) => {
      const crop = shot.split![which];
      return [shot.start, shot.end].map((t) => ({ ...crop, t: t - origin }));
    });
  return { top: held(0), bottom: held(1) };
}

function runLayout(run: Run, plan: CropPlan, origin: number): ClipSegmentLayout['layout'] {
  if (run.kind === 'blur') return { mode: 'blur' };
  if (run.kind === 'split') return { mode: 'split', ...splitPaths(run.shots, origin) };
  return { mode: 'path', path: samplesOf(run.shots, plan.cropPath) };
}

/**
 * How core/media renders a crop plan: one layout when every shot has the same kind (a crop path,
 * the blurred fit or the split), else a `sequence` of runs, still one ffmpeg pass.
 * `origin` is the source time of the clip's first frame.
 */
export function reframeLayout(plan: CropPlan, origin: number): ClipLayout {
  const runs = runsOf(plan.shots);
  if (runs.length === 1) return runLayout(runs[0]!, plan, origin);
  return {
    mode: 'sequence',
    segments: runs.map((run) => ({
      start: run.shots[0]!.start - origin,
      end: run.shots[run.shots.length - 1]!.end - origin,
      layout: runLayout(run, plan, origin),
    })),
  };
}
