import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { reframeVideo, type CropMode, type ReframeResult } from '../../core/reframe/reframe-video.js';
import { appRoot } from '../../core/resources.js';
import type { BenchRow } from '../bench-row.js';
import { measure } from '../measure.js';

const MEDIA = resolve(appRoot(), '../shared/media/video');
/** 10 s of panel.mp4 (1280x720, 25 fps): A, a cut at 8 s, B. */
const PANEL = { path: join(MEDIA, 'panel.mp4'), from: 5, to: 15 };
/** The face sliding across the frame: the camera really moves (8 s). */
const MOVING = { path: join(MEDIA, 'moving_face.mp4'), from: 0, to: 8 };
const ROUNDS = 3;

interface Best {
  seconds: number;
  result?: ReframeResult;
}

async function reframe(dir: string, clip: typeof PANEL, crop: CropMode, round: number): Promise<ReframeResult> {
  return reframeVideo(clip.path, {
    output: join(dir, `${crop}-${round}.mp4`),
    crop,
    from: clip.from,
    to: clip.to,
    // a fresh project each time: no cached analysis
    projectsRoot: join(dir, `projects-${crop}-${round}`),
  });
}

/** Follow and centre alternately (a busy machine slows both alike); the best of each of three rounds. */
async function compare(dir: string, clip: typeof PANEL): Promise<{ follow: Best; center: Best }> {
  const follow: Best = { seconds: Number.POSITIVE_INFINITY };
  const center: Best = { seconds: Number.POSITIVE_INFINITY };
  for (let round = 0; round < ROUNDS; round += 1) {
    const f = await measure(() => reframe(dir, clip, 'follow', round));
    if (f.seconds < follow.seconds) Object.assign(follow, { seconds: f.seconds, result: f.result });
    const c = await measure(() => reframe(dir, clip, 'center', round));
    if (c.seconds < center.seconds) Object.assign(center, { seconds: c.seconds, result: c.result });
  }
  return { follow, center };
}

export const reframeRow: BenchRow = {
  id: 'reframe-follow',
  title: 'reframe 10 s of panel.mp4 (720p) to 1080x1920 with the following camera, analysis included',
  baseline: 'the centre crop of the same clip through the same encoder (renderClip), alternated in the same run',
  run: async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kirinuki-bench-reframe-'));
    try {
      const panel = await compare(dir, PANEL);
      const moving = await compare(dir, MOVING);
      const analysis = panel.follow.result?.timings.analysisS ?? 0;
      return [
        { name: 'wall time', value: panel.follow.seconds, unit: 's', baseline: panel.center.seconds },
        { name: 'follow / centre', value: panel.follow.seconds / panel.center.seconds, unit: 'x (goal ≤ 1.15)' },
        { name: 'of which analysis', value: analysis, unit: 's (shots + faces)' },
        { name: 'moving_face 8 s wall time', value: moving.follow.seconds, unit: 's', baseline: moving.center.seconds },
        { name: 'moving_face follow / centre', value: moving.follow.seconds / moving.center.seconds, unit: 'x' },
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
