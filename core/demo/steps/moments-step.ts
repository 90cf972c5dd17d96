import { formatMomentsTable } from '../../moments/format-moments-table.js';
import { MOMENTS_FILE } from '../../moments/moments-for-source.js';
import type { FindMomentsOptions } from '../../moments/moments-options.js';
import { runMoments } from '../../pipeline/run-moments.js';
import { projectFile } from '../../project/project-dir.js';
import { KirinukiError } from '../../errors.js';
import type { DemoStep } from '../demo-step.js';
import { sampleMaxLength } from '../generate-sample-comments.js';

/** A short sample video cannot hold 60 s windows: shorten them so its moments stay apart. */
function demoLimits(durationS: number): FindMomentsOptions {
  return { top: 10, maxLength: sampleMaxLength(durationS) };
}

/** Ranks the sample's moments, saves them in its project folder and prints the table. */
export const momentsStep: DemoStep = {
  name: 'moments',
  title: 'Rank the moments the comments point at',
  run: async (context) => {
    const commentSet = context.sample.commentSet;
    if (!commentSet) throw new KirinukiError('INTERNAL', 'The demo has no comment set: the comments step must run first.');
    const comments = { commentSet, commentsFetched: commentSet.comments.length, apiRequests: 0, fromCache: false };
    const result = await runMoments('demo', {
      ...demoLimits(commentSet.video.durationS),
      root: context.outDir,
      comments,
      signal: context.signal,
      onProgress: context.onProgress,
      log: context.log,
    });
    const path = projectFile(context.outDir, commentSet.video.id, MOMENTS_FILE);
    context.sample.moments = result;
    context.print(formatMomentsTable(result, context.columns));
    context.log(`moments saved to ${path}`);
    context.results.moments = result;
  },
};
