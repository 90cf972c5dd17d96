import { KirinukiError } from '../../errors.js';
import { runExport } from '../../pipeline/run-export.js';
import type { DemoStep } from '../demo-step.js';

/** Clips of the demo kept short, so the whole demo stays quick on a laptop. */
const DEMO_MAX_CLIP_S = 12;

/** Exports the sample's top moments as Shorts clips with their top comment as caption, plus the summary reel. */
export const clipsStep: DemoStep = {
  name: 'clips',
  title: 'Export the top moments as Shorts clips and a summary reel',
  run: async (context) => {
    const { videoPath, moments } = context.sample;
    if (!videoPath || !moments) throw new KirinukiError('INTERNAL', 'The clips step needs the sample video and its moments: their steps must run first.');
    const run = await runExport({
      root: context.outDir,
      videoId: moments.video.id,
      input: { videoFile: videoPath },
      clips: { preset: 'shorts', crop: 'blur', caption: 'top-comment', maxLength: DEMO_MAX_CLIP_S, top: 3 },
      what: 'kirinuki demo',
      signal: context.signal,
      onProgress: context.onProgress,
      log: context.log,
    });
    const exported = run.exported!;
    const lines = exported.clips.map((c) => `  #${c.moment}  ${c.start.toFixed(1)}–${c.end.toFixed(1)} s  ${c.width}x${c.height}  ${c.path}`);
    if (exported.summary) lines.push(`  summary  ${exported.summary.durationS.toFixed(1)} s  ${exported.summary.path}`);
    context.print(`Clips (shorts, blurred background, top comment as caption):\n${lines.join('\n')}`);
    context.results.clips = {
      clips: exported.clips.map(({ path, moment, person, start, end, width, height, durationS }) => ({ path, moment, person, start, end, width, height, durationS })),
      summary: exported.summary ? { path: exported.summary.path, durationS: exported.summary.durationS } : null,
      manifest: exported.manifestPath,
    };
  },
};
