import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, type CliRun } from '../helpers/built-cli.js';
import { sharedMedia } from '../helpers/shared-media.js';

const PANEL = sharedMedia('video/panel.mp4');

/** Viewers point at 0:17 (C, until 22 s) and 0:27 (B and C side by side, 26-31 s). */
function infoJson(): object {
  const comments = [
    ...['0:17-0:21 神', '0:17~0:21 yes', '0:18 最高', '0:17 omg'].map((text, i) => ({ text, like_count: 2, author_id: `UCb${i}` })),
    ...['0:27-0:30 two of them', '0:27~0:30 lmao', '0:28 草'].map((text, i) => ({ text, like_count: 1, author_id: `UCc${i}` })),
  ].map((c, i) => ({ id: `c${i}`, parent: 'root', author: c.author_id, timestamp: 1700000000 + i, ...c }));
  return { id: 'panelFaces1', title: 'Panel faces', duration: 38.16, comments };
}

interface ClipsJson {
  clips: Array<{ path: string; moment: number; person: string | null; start: number; end: number; durationS: number }>;
  reels?: Array<{ person: string; path: string; durationS: number }>;
  manifest: string;
}

let scratch: string;
let comments: string;
let truth: Record<string, Array<[number, number]>>;

beforeAll(async () => {
  await ensureBuilt('dist/core/cli/commands/clips.js');
  scratch = await mkdtemp(join(tmpdir(), 'kirinuki-faces-clips-'));
  comments = join(scratch, 'comments.info.json');
  await writeFile(comments, JSON.stringify(infoJson()));
  truth = (JSON.parse(await readFile(sharedMedia('video/panel.truth.json'), 'utf8')) as { identities: typeof truth }).identities;
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

const clips = (...args: string[]): Promise<CliRun> =>
  runCli(['clips', PANEL, '--comments', comments, '--preset', 'landscape', '--top', '2', ...args]);

describe('kirinuki clips --per-person', () => {
  it('exports, per person, only their on-screen part of each moment, a reel each, and records the person', async () => {
    const run = await clips('--out', join(scratch, 'out'), '--per-person', '--json');
    expect(run.code, run.stderr).toBe(0);
    const result = JSON.parse(run.stdout) as ClipsJson;
    // the windows start a few seconds before what viewers point at: moment 1 (~14-22 s) has the
    // end of B and C, moment 2 (~24-31 s) the end of A and B and C side by side
    expect(result.clips.length).toBeGreaterThanOrEqual(4);
    const people = new Set(result.clips.map((c) => c.person));
    expect(people.size).toBe(3);
    expect(result.clips.filter((c) => c.moment === 2 && c.start > 25)).toHaveLength(2);
    for (const clip of result.clips) {
      expect(clip.person).toMatch(/^person-\d+$/);
      // the clip's middle is inside one true person's screen time
      const middle = (clip.start + clip.end) / 2;
      expect(Object.values(truth).some((spans) => spans.some(([s, e]) => s <= middle && middle <= e))).toBe(true);
    }
    // B's clip starts where B appears (26 s) minus the short margin, not at the moment's start
    const late = result.clips.filter((c) => c.start > 25);
    expect(late.length).toBeGreaterThanOrEqual(1);
    for (const clip of late) expect(clip.start).toBeLessThan(26.3);
    expect(result.reels?.map((r) => r.person).sort()).toEqual([...people].sort());
    const manifest = JSON.parse(await readFile(result.manifest, 'utf8')) as { clips: Array<{ person: string }> };
    expect(manifest.clips.map((c) => c.person).sort()).toEqual(result.clips.map((c) => c.person).sort());
  });

  it('says PERSON_NOT_FOUND for an unknown person', async () => {
    const run = await clips('--out', join(scratch, 'out'), '--person', 'person-99');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error PERSON_NOT_FOUND: No person "person-99"/);
  });
});
