import type { ClipLayout, ClipSegmentLayout } from '../media/clip-layout.js';
import type { CropSample } from '../media/crop-path.js';
import type { CropPlan } from './plan-crop-path.js';
import type { ShotPlan } from './types.js';

type Kind = `crop-${number}x${number}` | 'blur' | 'split' | `facecam-${number}`;

interface Run {
  kind: Kind;
  shots: ShotPlan[];
}

/**
 * Face-cam shots render in one run only when their face-cams are equally tall in the output, crop
 * shots only when their crops are the same size (ffmpeg's crop keeps one size; a per-person shot
 * may be tightened).
 */
function kindOf(shot: ShotPlan, path: CropSample[]): Kind {
  if (shot.mode === 'blur') return 'blur';
  if (shot.mode === 'split') return 'split';
  if (shot.mode === 'facecam') return `facecam-${shot.facecam!.camHeight}`;
  const first = path[shot.samples[0]];
  return `crop-${first?.w ?? 0}x${first?.h ?? 0}`;
}

function runsOf(shots: ShotPlan[], path: CropSample[]): Run[] {
  const runs: Run[] = [];
  for (const shot of shots) {
    const last = runs[runs.length - 1];
    const kind = kindOf(shot, path);
    if (last && last.kind === kind) last.shots.push(shot);
    else runs.push({ kind, shots: [shot] });
  }
  return runs;
}

function samplesOf(shots: ShotPlan[], path: CropSample[]): CropSample[] {
  return shots.flatMap((shot) => path.slice(shot.samples[0], shot.samples[1] + 1));
}

function splitPaths(shots: ShotPlan[], origin: number): { top: CropSample[]; bottom: CropSample[] } {
  const held = (which: 0 | 1): CropSample[] =>
    shots.flatMap((shot) => {
      if (shot.splitPaths) return shot.splitPaths[which];
      const crop = shot.split![which];
      return [shot.start, shot.end].map((t) => ({ ...crop, t: t - origin }));
    });
  return { top: held(0), bottom: held(1) };
}

function facecamPaths(shots: ShotPlan[], origin: number): { cam: CropSample[]; content: CropSample[] } {
  const held = (which: 'cam' | 'content'): CropSample[] =>
    shots.flatMap((shot) => [shot.start, shot.end].map((t) => ({ ...shot.facecam![which], t: t - origin })));
  return { cam: held('cam'), content: held('content') };
}

function runLayout(run: Run, plan: CropPlan, origin: number): ClipSegmentLayout['layout'] {
  if (run.kind === 'blur') return { mode: 'blur' };
  if (run.kind === 'split') return { mode: 'split', ...splitPaths(run.shots, origin) };
  if (run.kind.startsWith('facecam')) {
    return { mode: 'facecam', camHeight: run.shots[0]!.facecam!.camHeight, ...facecamPaths(run.shots, origin) };
  }
  return { mode: 'path', path: samplesOf(run.shots, plan.cropPath) };
}

/**
 * How core/media renders a crop plan: one layout when every shot has the same kind (a crop path,
 * the blurred fit, the split or the face-cam), else a `sequence` of runs, still one ffmpeg pass.
 * `origin` is the source time of the clip's first frame.
 */
export function reframeLayout(plan: CropPlan, origin: number): ClipLayout {
  const runs = runsOf(plan.shots, plan.cropPath);
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
