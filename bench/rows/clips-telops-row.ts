import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { CaptionCue, CaptionTrack } from '../../core/captions/caption-track.js';
import { exportClips } from '../../core/export/export-clips.js';
import type { ExportTelops } from '../../core/export/clip-telops.js';
import type { Moment } from '../../core/moments/types.js';
import { appRoot } from '../../core/resources.js';
import { DEFAULT_TELOP_STYLE } from '../../core/telops/telop-style.js';
import type { BenchRow } from '../bench-row.js';
import { measure } from '../measure.js';

const PANEL = resolve(appRoot(), '../shared/media/video/panel.mp4'); // 1280x720, 25 fps, with audio
const START = 5;
const LENGTH = 10;
const ROUNDS = 3;

const moment: Moment = { rank: 1, start: START, end: START + LENGTH, peak: START + 2, score: 1, mentions: 1, comments: [] };

/** What auto-captions look like: a line every ~2.5 s with a time per word, a short gap between lines. */
const LINES = [
  ['今日は', 'みんなで', 'ゲームを', 'やって', 'いきます'],
  ['え', 'ちょっと', '待って', 'それ', 'ずるくない'],
  ['Wait', 'what', 'just', 'happened', 'there'],
  ['いや', '草', 'これは', '無理', 'でしょ'],
];

/** A word-timed track (json3-like) over the bench window: every word its own karaoke state. */
function wordTimedTrack(): CaptionTrack {
  const cues: CaptionCue[] = LINES.map((words, i) => {
    const start = START + i * 2.5;
    const spaced = /^[A-Za-z]/.test(words[0] ?? '');
    const text = words.join(spaced ? ' ' : '');
    return { start, end: start + 2.3, text, words: words.map((word, k) => ({ t: start + k * 0.42, text: word })) };
  });
  return { lang: 'ja', wordTimed: true, cues };
}

async function exportOnce(dir: string, name: string, telops: ExportTelops | undefined): Promise<number> {
  const result = await exportClips({
    video: PANEL,
    videoMeta: { id: 'bench', title: 'bench', durationS: 38.16 },
    moments: [moment],
    projectDir: join(dir, name),
    preset: 'shorts',
    crop: 'center',
    summary: false,
    ...(telops ? { captions: 'speech' as const, telops } : {}),
  });
  return result.clips[0]?.captions?.telops ?? 0;
}

export const clipsTelopsRow: BenchRow = {
  id: 'clips-telops',
  title: 'export one 10 s moment of panel.mp4 (720p) as shorts with word-timed telops (karaoke)',
  baseline: 'the same export without captions, run alternately in the same process',
  run: async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kirinuki-bench-telops-'));
    const telops: ExportTelops = { track: wordTimedTrack(), style: DEFAULT_TELOP_STYLE, music: 'drop' };
    try {
      let withTelops = Number.POSITIVE_INFINITY;
      let plain = Number.POSITIVE_INFINITY;
      let count = 0;
      for (let round = 0; round < ROUNDS; round += 1) {
        // alternate the two so a busy machine slows both alike; keep the best of each
        const t = await measure(() => exportOnce(dir, `telops-${round}`, telops));
        count = t.result;
        withTelops = Math.min(withTelops, t.seconds);
        const p = await measure(() => exportOnce(dir, `plain-${round}`, undefined));
        plain = Math.min(plain, p.seconds);
      }
      return [
        { name: 'wall time', value: withTelops, unit: 's', baseline: plain },
        { name: 'telops / plain', value: withTelops / plain, unit: 'x (goal ≤ 1.15)' },
        { name: 'telops drawn', value: count, unit: `of ${LINES.length} lines` },
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};
