import { join } from 'node:path';
import { faceApiDemoDir } from '../../faces/nets/face-api-demo-dir.js';
import { renderStillsVideo } from '../../media/synthesize-video.js';
import type { DemoStep } from '../demo-step.js';

/** Real photos shipped with face-api (its demo folder): one person, a pair, a trio, the first person again. */
const SCENES = [
  { image: 'sample2.jpg', durationS: 5 },
  { image: 'sample4.jpg', durationS: 5 },
  { image: 'sample1.jpg', durationS: 5 },
  { image: 'sample2.jpg', durationS: 4 },
];

/** Makes the demo's sample video from real photos, so the face and per-person steps have real people. */
export const sampleVideoStep: DemoStep = {
  name: 'sample-video',
  title: "Make a sample video from face-api's demo photos",
  run: async (context) => {
    const photos = faceApiDemoDir();
    const output = join(context.outDir, 'demo-sample.mp4');
    const images = SCENES.map((scene) => ({ path: join(photos, scene.image), durationS: scene.durationS }));
    await renderStillsVideo({ images, output, width: 1280, height: 720, fps: 25, tone: true, signal: context.signal, onProgress: context.onProgress });
    context.sample.videoPath = output;
    context.sample.durationS = SCENES.reduce((sum, s) => sum + s.durationS, 0);
    context.log(`sample video: ${output} (${context.sample.durationS} s, ${SCENES.map((s) => s.image).join(', ')})`);
    context.results['sample-video'] = { path: output, durationS: context.sample.durationS };
  },
};
