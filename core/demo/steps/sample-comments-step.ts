import { generateSampleComments } from '../generate-sample-comments.js';
import type { DemoStep } from '../demo-step.js';

/** Makes the sample's comment set, fitted to the sample video's duration when a step made one. */
export const sampleCommentsStep: DemoStep = {
  name: 'comments',
  title: 'Generate a comment set with known highlight moments',
  run: async (context) => {
    const sample = generateSampleComments(context.sample.durationS ? { durationS: context.sample.durationS } : {});
    context.sample.commentSet = sample.commentSet;
    context.sample.truth = sample.truth;
    context.sample.durationS = sample.commentSet.video.durationS;
    const truth = sample.truth.map((m) => `${m.t} s (${m.mentions} mentions)`).join(', ');
    context.log(`sample: ${sample.commentSet.comments.length} comments, true moments at ${truth}`);
    context.results.comments = { comments: sample.commentSet.comments.length, truth: sample.truth };
  },
};
