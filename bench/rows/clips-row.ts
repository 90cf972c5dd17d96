import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { exportClips } from '../../core/export/export-clips.js';
import { PRESETS } from '../../core/export/presets.js';
import { ffmpegPath } from '../../core/media/binaries.js';
import { probeMedia } from '../../core/media/probe.js';
import type { Moment } from '../../core/moments/types.js';
import { appRoot } from '../../core/resources.js';
import type { BenchRow } from '../bench-row.js';
import { measure } from '../measure.js';

const PANEL = resolve(appRoot(), '../shared/media/video/panel.mp4'); // 1280x720, 25 fps, with audio
const START = 5;
const LENGTH = 10;
const ROUNDS = 2;

const moment: Moment = { rank: 1, start: START, end: START + LENGTH, peak: START + 2, score: 1, mentions: 1, comments: [] };

/**
 * The baseline is the plain ffmpeg command a person would type for the same clip: the same centre
 * crop, scale, encoder settings and bitrate. It is written out here on purpose, as the yardstick;
 * Kirinuki itself builds its ffmpeg arguments only in core/media.
 */
function plainFfmpegArgs(output: string): string[] {
  const bitrate = PRESETS.shorts.videoBitrate ?? '8M';
  return [
    '-nostdin', '-hide_banner', '-loglevel', 'error', '-y',
    '-ss', String(START), '-i', PANEL, '-t', String(LENGTH),
    '-vf', 'crop=404:720:438:0,scale=1080:1920,format=yuv420p,setsar=1',
    '-map', '0:v:0', '-map', '0:a:0',
    '-c:v', 'libx264', '-profile:v', 'high', '-preset', 'veryfast', '-pix_fmt', 'yuv420p',
    '-b:v', bitrate, '-maxrate', bitrate, '-bufsize', bitrate,
    '-c:a', 'aac', '-b:a', '160k', '-ar', '48000', '-ac', '2',
    '-movflags', '+faststart', '-f', 'mp4', output,
  ];
}

function runPlainFfmpeg(output: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(ffmpegPath(), plainFfmpegArgs(output), { stdio: ['ignore', 'ignore', 'inherit'] });
    child.on('error', fail);
    child.on('close', (code) => (code === 0 ? done() : fail(new Error(`ffmpeg exited with ${code}`))));
  });
}

async function kirinukiOnce(dir: string, round: number): Promise<number> {
  const result = await exportClips({
    video: PANEL,
    videoMeta: { id: 'bench', title: 'bench', durationS: 38.16 },
    moments: [moment],
    projectDir: join(dir, `kirinuki-${round}`),
    preset: 'shorts',
    crop: 'center',
    summary: false,
  });
  return result.clips[0]?.durationS ?? 0;
}

export const clipsRow: BenchRow = {
  id: 'clips-shorts',
  title: 'export one 10 s moment of panel.mp4 (720p) as a shorts clip (1080x1920, centre crop)',
  baseline: 'the plain ffmpeg command line doing the same crop, scale and encode, run alternately in the same process',
  run: async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kirinuki-bench-clips-'));
    try {
      let ours = Number.POSITIVE_INFINITY;
      let plain = Number.POSITIVE_INFINITY;
      let duration = 0;
      for (let round = 0; round < ROUNDS; round += 1) {
        // alternate the two so a busy machine slows both alike; keep the best of each
        const k = await measure(() => kirinukiOnce(dir, round));
        duration = k.result;
        ours = Math.min(ours, k.seconds);
        const output = join(dir, `plain-${round}.mp4`);
        const p = await measure(() => runPlainFfmpeg(output));
        plain = Math.min(plain, p.seconds);
        if (round === 0) await probeMedia(output); // the baseline really made a clip
      }
      return [
        { name: 'wall time', value: ours, unit: 's', baseline: plain },
        { name: 'encode speed', value: LENGTH / ours, unit: 'x real time', baseline: LENGTH / plain },
        { name: 'clip duration', value: duration, unit: 's (window 10)' },
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
