import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCaptions } from '../../core/captions/read-captions.js';
import { exportClips } from '../../core/export/export-clips.js';
import { ffmpegPath } from '../../core/media/binaries.js';
import { ensureBuilt, runCli } from '../helpers/built-cli.js';

const run = promisify(execFile);

/** The cues, in video seconds: Japanese and English, a pause between the first two. */
const CUES = [
  { start: 5, end: 8, text: '今日はいい天気ですね', words: [['今日は', 0], ['いい', 0.8], ['天気', 1.4], ['ですね', 2.2]] },
  { start: 10, end: 13, text: 'Hello world this is a test', words: [['Hello', 0], [' world', 0.5], [' this', 1], [' is', 1.5], [' a', 2], [' test', 2.5]] },
  { start: 14, end: 16.5, text: 'ありがとうございます', words: [['ありがとう', 0], ['ございます', 1]] },
] as const;
const PAUSE_T = 9;
const BACKGROUND = [0x20, 0x30, 0x40];

function json3(): string {
  const events = CUES.map((cue) => ({
    tStartMs: cue.start * 1000,
    dDurationMs: (cue.end - cue.start) * 1000,
    segs: cue.words.map(([utf8, offset], i) => (i === 0 ? { utf8 } : { utf8, tOffsetMs: offset * 1000 })),
  }));
  return JSON.stringify({ events });
}

const clock = (t: number, comma: boolean): string => {
  const text = `00:00:${t.toFixed(3).padStart(6, '0')}`;
  return comma ? text.replace('.', ',') : text;
};
const vtt = (): string => ['WEBVTT', '', ...CUES.flatMap((c) => [`${clock(c.start, false)} --> ${clock(c.end, false)}`, c.text, ''])].join('\n');
const srt = (): string => CUES.flatMap((c, i) => [String(i + 1), `${clock(c.start, true)} --> ${clock(c.end, true)}`, c.text, '']).join('\n');

/** Viewers point at 0:04–0:15: one moment, whose end (15 s) falls inside the last cue (14–16.5 s). */
function commentsInfo(): object {
  const texts = ['0:04-0:15 すごい', '0:04~0:15 草', '0:04-0:15 lol', '0:05 最高', '0:04-0:15 ww'];
  const comments = texts.map((text, i) => ({ id: `c${i}`, parent: 'root', author: `a${i}`, author_id: `UC${i}`, timestamp: 1700000000 + i, text, like_count: i === 1 ? 50 : 1 }));
  return { id: 'talkVideo01', title: 'Talk テスト', duration: 30, comments };
}

let scratch: string;
let video: string;
let comments: string;
const subs: Record<'json3' | 'vtt' | 'srt', string> = { json3: '', vtt: '', srt: '' };

beforeAll(async () => {
  await ensureBuilt('dist/core/cli/commands/clips.js');
  await run('tesseract', ['--version']).catch(() => {
    throw new Error('tesseract is missing: run `node scripts/ensure-system-tools.mjs` (Debian tesseract-ocr, tesseract-ocr-jpn).');
  });
  scratch = await mkdtemp(join(tmpdir(), 'kirinuki-telops-'));
  video = join(scratch, 'talk.mp4');
  // 30 s of a plain background with a tone, 640x360: small and quick to encode, easy to read back
  await run(ffmpegPath(), [
    '-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=0x203040:s=640x360:r=25:d=30', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=30',
    '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', video,
  ]);
  comments = join(scratch, 'comments.info.json');
  await writeFile(comments, JSON.stringify(commentsInfo()));
  // not beside the video: these are only found through --subs
  await mkdir(join(scratch, 'subs'));
  for (const [ext, text] of [['json3', json3()], ['vtt', vtt()], ['srt', srt()]] as const) {
    subs[ext] = join(scratch, 'subs', `talk.ja.${ext}`);
    await writeFile(subs[ext], text);
  }
});
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

interface ClipsJson {
  clips: { path: string; start: number; end: number; captions?: { mode: string; style?: string; telops: number } }[];
  manifest: string;
  skipped: number;
  stages: { ran: string[]; skipped: string[] };
  notes?: { code: string; message: string }[];
}

async function clips(out: string, extra: string[]): Promise<ClipsJson> {
  const result = await runCli(['clips', video, '--comments', comments, '--out', join(scratch, out), '--preset', 'landscape', '--top', '1', '--json', ...extra], { cwd: scratch });
  expect(result.stderr).not.toMatch(/^error /m);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as ClipsJson;
}

/** One frame of the clip at `t` seconds from its start, as a PNG. */
async function frame(clip: string, t: number, name: string): Promise<string> {
  const png = join(scratch, `${name}.png`);
  await run(ffmpegPath(), ['-v', 'error', '-y', '-ss', t.toFixed(3), '-i', clip, '-frames:v', '1', png]);
  return png;
}

/** The bottom half of a frame (where telops go) as RGB bytes. */
async function band(clip: string, t: number): Promise<Buffer> {
  const { stdout } = await run(ffmpegPath(), ['-v', 'error', '-ss', t.toFixed(3), '-i', clip, '-frames:v', '1', '-vf', 'crop=iw:ih/2:0:ih/2', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { encoding: 'buffer', maxBuffer: 1 << 24 });
  return stdout;
}

const meanAbsDiff = (a: Buffer, b: Buffer): number => a.reduce((sum, v, i) => sum + Math.abs(v - (b[i] ?? 0)), 0) / a.length;
/** How many pixels differ clearly from the plain background. */
const drawnPixels = (rgb: Buffer): number => {
  let count = 0;
  for (let i = 0; i < rgb.length; i += 3) if (BACKGROUND.some((c, k) => Math.abs((rgb[i + k] ?? 0) - c) > 40)) count += 1;
  return count;
};

async function ocr(png: string): Promise<string> {
  const { stdout } = await run('tesseract', [png, 'stdout', '-l', 'jpn+eng', '--psm', '6']);
  return stdout;
}

/** Width, case and spaces do not count: full-width ＡＢＣ is ABC, a Japanese line has no spaces to read. */
const normalise = (text: string): string => text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');

/** The share of the expected characters read back in order (longest common subsequence): OCR may slip a little. */
function readBack(expected: string, read: string): number {
  const a = [...normalise(expected)];
  const b = [...normalise(read)];
  let previous = new Array<number>(b.length + 1).fill(0);
  for (const ca of a) {
    const row = [0];
    for (let j = 1; j <= b.length; j += 1) row.push(ca === b[j - 1] ? (previous[j - 1] ?? 0) + 1 : Math.max(previous[j] ?? 0, row[j - 1] ?? 0));
    previous = row;
  }
  return (previous[b.length] ?? 0) / Math.max(1, a.length);
}

/** Near the end of each cue its words are on the frame; in the pause none of them is. */
async function expectTelopsRead(clip: ClipsJson['clips'][number], name: string, texts: readonly string[] = CUES.map((c) => c.text)): Promise<void> {
  // tesseract takes a second to load its Japanese model: the frames are read side by side
  const [pause, ...read] = await Promise.all([
    frame(clip.path, PAUSE_T - clip.start, `${name}-pause`).then(ocr),
    ...CUES.map((cue, i) => frame(clip.path, cue.end - 0.3 - clip.start, `${name}-cue${i}`).then(ocr)),
  ]);
  read.forEach((text, i) => expect(readBack(texts[i] ?? '', text), `cue ${i} "${texts[i]}" read as "${text.trim()}"`).toBeGreaterThanOrEqual(0.7));
  for (const text of texts) expect(readBack(text, pause ?? ''), `the pause read as "${pause?.trim()}"`).toBeLessThan(0.3);
  expect(drawnPixels(await band(clip.path, PAUSE_T - clip.start))).toBe(0);
}

describe('telops in the export (kirinuki clips --captions speech)', () => {
  it('json3 word-timed: each cue is read back near its end, nothing in the pause; the window snaps to the cue end; a re-run skips; an edit re-exports', async () => {
    const result = await clips('json3', ['--captions', 'speech', '--subs', subs.json3]);
    const [clip] = result.clips;
    expect(clip?.captions).toEqual({ mode: 'speech', style: 'yellow', telops: 3 });
    // the moment ends at 15 s, inside the last cue: the clip goes on to the cue's end (16.5 s)
    expect(clip?.end).toBeCloseTo(16.5, 3);
    const manifest = JSON.parse(await readFile(result.manifest, 'utf8')) as ClipsJson;
    expect(manifest.clips[0]?.captions).toEqual(clip?.captions);
    await expectTelopsRead(clip!, 'json3');
    // word-timed: the line changes while it is spoken (the word being said is highlighted)
    const second = CUES[1];
    expect(meanAbsDiff(await band(clip!.path, second.start + 0.2 - clip!.start), await band(clip!.path, second.end - 0.3 - clip!.start))).toBeGreaterThan(0.05);

    const again = await clips('json3', ['--captions', 'speech', '--subs', subs.json3]);
    expect(again.stages.ran).toEqual([]);
    expect(again.stages.skipped).toContain('export');

    const projectDir = join(result.manifest, '..');
    await writeFile(join(projectDir, 'telop-edits.json'), JSON.stringify({ version: 1, edits: [{ cueStart: 10, text: 'Edited words here' }] }));
    const edited = await clips('json3', ['--captions', 'speech', '--subs', subs.json3]);
    expect(edited.stages.ran).toEqual(['export']);
    expect(edited.skipped).toBe(0);
    const text = await ocr(await frame(edited.clips[0]!.path, CUES[1].end - 0.3 - edited.clips[0]!.start, 'edited'));
    expect(readBack('Edited words here', text), text).toBeGreaterThanOrEqual(0.7);
  });

  it.each(['vtt', 'srt'] as const)('%s (cues only): each cue is read back, the whole line pops on at once, nothing in the pause', async (ext) => {
    const result = await clips(ext, ['--captions', 'speech', '--subs', subs[ext], '--caption-style', 'boxed']);
    const [clip] = result.clips;
    expect(clip?.captions).toEqual({ mode: 'speech', style: 'boxed', telops: 3 });
    await expectTelopsRead(clip!, ext);
    const second = CUES[1];
    expect(meanAbsDiff(await band(clip!.path, second.start + 0.2 - clip!.start), await band(clip!.path, second.end - 0.3 - clip!.start))).toBeLessThan(0.05);
  });

  it('a video without subtitles still exports, without telops, and says NO_SUBTITLES', async () => {
    const result = await clips('none', ['--captions', 'speech']);
    expect(result.notes?.map((n) => n.code)).toEqual(['NO_SUBTITLES']);
    const [clip] = result.clips;
    expect(clip?.captions).toEqual({ mode: 'speech', telops: 0 });
    expect(existsSync(clip!.path)).toBe(true);
    expect(drawnPixels(await band(clip!.path, CUES[0].end - 0.3 - clip!.start))).toBe(0);
  });

  it("a per-person clip (several parts of the moment) carries the telops of its own parts, each at its time", async () => {
    const parts = [{ start: 5, end: 8.5 }, { start: 10, end: 13.5 }];
    const result = await exportClips({
      video, videoMeta: { id: 'talk', title: 'talk', durationS: 30 }, moments: [], projectDir: join(scratch, 'person'), preset: 'landscape',
      plans: [{ moment: 1, person: 'person-1', segments: parts, fileName: 'person.mp4' }],
      captions: 'speech', telops: { track: await readCaptions(subs.json3), style: 'outline', music: 'drop' }, summary: false,
    });
    const [clip] = result.clips;
    expect(clip?.captions).toEqual({ mode: 'speech', style: 'outline', telops: 2 });
    expect(Math.abs((clip?.durationS ?? 0) - 7)).toBeLessThan(0.15); // two parts joined (AAC priming included)
    // cue 0 ends 8 s into the video = 2.7 s into the clip; cue 1 ends 13 s = 3.5 + 2.7 s into the clip
    const [first, second] = await Promise.all([frame(clip!.path, 2.7, 'person-0').then(ocr), frame(clip!.path, 6.2, 'person-1').then(ocr)]);
    expect(readBack(CUES[0].text, first), first).toBeGreaterThanOrEqual(0.7);
    expect(readBack(CUES[1].text, second), second).toBeGreaterThanOrEqual(0.7);
  });

  it('reframe --captions speech draws the telops of its span', async () => {
    const output = join(scratch, 'reframed.mp4');
    const result = await runCli(['reframe', video, '--out', output, '--preset', 'landscape', '--crop', 'center', '--from', '9', '--to', '14', '--captions', 'speech', '--subs', subs.json3, '--projects', join(scratch, 'reframe'), '--json'], { cwd: scratch });
    expect(result.code, result.stderr).toBe(0);
    const reframed = JSON.parse(result.stdout) as { captions?: unknown };
    expect(reframed.captions).toEqual({ mode: 'speech', style: 'yellow', telops: 1 });
    const text = await ocr(await frame(output, CUES[1].end - 0.3 - 9, 'reframed'));
    expect(readBack(CUES[1].text, text), text).toBeGreaterThanOrEqual(0.7);
  });

  it.each([
    [['--captions', 'subtitles'], '--captions "subtitles" is not one of speech, top-comment, both, none'],
    [['--captions', 'speech', '--caption-style', 'comic'], 'Unknown caption style "comic"'],
    [['--captions', 'speech', '--music-tags', 'keep'], '--music-tags "keep" is not one of drop, note'],
  ])('%j → exit 1 with INVALID_ARGUMENT', async (args, detail) => {
    const result = await runCli(['clips', video, '--comments', comments, '--out', join(scratch, 'errors'), ...args], { cwd: scratch });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`error INVALID_ARGUMENT: ${detail}`);
  });
});
