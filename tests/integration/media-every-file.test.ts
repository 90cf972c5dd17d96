import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probeMedia } from '../../core/media/probe.js';
import { readFrames } from '../../core/media/read-frames.js';
import { renderClip } from '../../core/media/render-clip.js';
import { sharedMedia, SHARED_DIR } from '../helpers/shared-media.js';

const scratch = mkdtempSync(join(tmpdir(), 'kirinuki-every-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const VIDEOS = ['codecs', 'video'].flatMap((dir) =>
  readdirSync(join(SHARED_DIR, 'media', dir))
    .filter((name) => !name.endsWith('.json') && name !== 'speech_only.m4a')
    .map((name) => `${dir}/${name}`),
);

describe('every shared video renders a clip and streams frames', () => {
  it('finds the shared videos', () => {
    expect(VIDEOS.length).toBeGreaterThanOrEqual(23);
  });

  for (const file of VIDEOS) {
    it(`renders a portrait clip of ${file} with the window's duration`, async () => {
      const input = sharedMedia(file);
      const info = await probeMedia(input);
      const start = Math.min(0.5, info.durationS / 4);
      const end = Math.min(start + 1, info.durationS);
      const clip = await renderClip({
        input, info, start, end, output: join(scratch, `${file.replace('/', '_')}.mp4`),
        width: 180, height: 320, crop: { mode: 'blur' },
      });
      expect([clip.width, clip.height]).toEqual([180, 320]);
      // within one source frame (plus one AAC frame of 21 ms for the audio track)
      expect(Math.abs(clip.durationS - (end - start))).toBeLessThanOrEqual(1 / info.fps + 0.025);
      let count = 0;
      for await (const frame of readFrames(input, { info, fps: 5, maxWidth: 160, from: start, to: end })) {
        expect(frame.data.length).toBe(frame.width * frame.height * 3);
        count += 1;
      }
      expect(Math.abs(count - Math.round((end - start) * 5))).toBeLessThanOrEqual(1);
    });
  }
});
