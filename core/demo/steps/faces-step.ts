import { KirinukiError } from '../../errors.js';
import type { VideoFaces } from '../../faces/faces-for-video.js';
import { runExport } from '../../pipeline/run-export.js';
import { runFaces } from '../../pipeline/run-faces.js';
import { sliceProgress } from '../../progress.js';
import type { DemoStep } from '../demo-step.js';

function peopleTable(faces: VideoFaces): string {
  const lines = [`People on screen in the sample (${faces.analyzedFrames} frames analysed):`];
  for (const identity of faces.identities) {
    const spans = identity.appearances.map(([s, e]) => `${s.toFixed(1)}-${e.toFixed(1)} s`).join(', ');
    lines.push(`  ${identity.id.padEnd(10)} ${identity.totalS.toFixed(1).padStart(5)} s on screen  ${spans}`);
  }
  return lines.join('\n');
}

/** Finds the people in the sample video and exports each person's highlights (one clip per moment, one reel each). */
export const facesStep: DemoStep = {
  name: 'faces',
  title: 'Find the people on screen and export per-person clips',
  run: async (context) => {
    const { videoPath, moments } = context.sample;
    if (!videoPath || !moments) throw new KirinukiError('INTERNAL', 'The faces step needs the sample video and its moments: their steps must run first.');
    const videoId = moments.video.id;
    const faces = await runFaces(videoPath, {
      root: context.outDir,
      videoId,
      faces: { scope: { kind: 'range' } },
      what: 'kirinuki demo',
      signal: context.signal,
      onProgress: sliceProgress(context.onProgress, 0, 0.5, 'faces'),
    });
    context.print(peopleTable(faces));
    // the two people with the most screen time keep the demo's encoding short
    const people = faces.identities
      .filter((i) => !i.hidden)
      .sort((a, b) => b.totalS - a.totalS)
      .slice(0, 2)
      .map((i) => i.id);
    if (people.length === 0) throw new KirinukiError('NO_FACES', `Nobody was found in the demo sample ${videoPath}.`);
    const run = await runExport({
      root: context.outDir,
      videoId,
      input: { videoFile: videoPath },
      // each person's clips follow that person (the reframe stage's camera), in their own folder
      clips: { preset: 'shorts', crop: 'follow', persons: people, top: 2, folder: 'per-person' },
      faces: { scope: { kind: 'range' } },
      what: 'kirinuki demo',
      signal: context.signal,
      onProgress: sliceProgress(context.onProgress, 0.5, 1, 'export'),
      log: context.log,
    });
    const exported = run.exported!;
    const lines = exported.clips.map((c) => `  ${String(c.person).padEnd(10)} moment #${c.moment}  ${c.durationS.toFixed(1)} s  ${c.path}`);
    for (const reel of exported.reels) lines.push(`  ${reel.person.padEnd(10)} reel       ${reel.durationS.toFixed(1)} s  ${reel.path}`);
    context.print(`Per-person clips:\n${lines.join('\n')}`);
    context.results.faces = {
      identities: faces.identities.map(({ id, appearances, totalS, thumbnail }) => ({ id, appearances, totalS, thumbnail })),
      clips: exported.clips.map(({ path, moment, person, start, end, durationS }) => ({ path, moment, person, start, end, durationS })),
      reels: exported.reels.map(({ path, person, durationS }) => ({ path, person, durationS })),
    };
  },
};
