import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSidecarFiles, pickSubtitle, sidecarStem } from '../../core/acquire/sidecar-files.js';

const STEM = '【ゲーム実況】深夜の耐久 [ChatDevFix1]';

describe('sidecarStem', () => {
  it.each([
    [`/x/${STEM}.info.json`, STEM],
    [`/x/${STEM}.mp4`, STEM],
    ['/x/Title. With dots [abcdefghijk].webm', 'Title. With dots [abcdefghijk]'],
  ])('%s → %s', (path, stem) => {
    expect(sidecarStem(path)).toBe(stem);
  });
});

describe('pickSubtitle', () => {
  const names = (...langs: string[]): string[] => langs.map((l) => `${STEM}.${l}`);

  it('prefers json3 over vtt over srt for the same language', () => {
    expect(pickSubtitle(names('ja.srt', 'ja.vtt', 'ja.json3'), STEM, 'ja')).toBe(`${STEM}.ja.json3`);
    expect(pickSubtitle(names('ja.srt', 'ja.vtt'), STEM, 'ja')).toBe(`${STEM}.ja.vtt`);
  });

  it("takes the video's own language (or its -orig auto-captions) before a translation, whatever the format", () => {
    expect(pickSubtitle(names('en.json3', 'ja-orig.srt'), STEM, 'ja')).toBe(`${STEM}.ja-orig.srt`);
    expect(pickSubtitle(names('en.json3', 'ja.vtt', 'fr.json3'), STEM, 'ja')).toBe(`${STEM}.ja.vtt`);
  });

  it('takes an -orig track first when the video language is not known', () => {
    expect(pickSubtitle(names('en.json3', 'de.json3', 'ja-orig.json3'), STEM)).toBe(`${STEM}.ja-orig.json3`);
  });

  it("takes the uploader's track before the auto-captions of the same language and format", () => {
    expect(pickSubtitle(names('ja-orig.json3', 'ja.json3'), STEM, 'ja')).toBe(`${STEM}.ja.json3`);
  });

  it('ignores the chat, other videos, the info JSON and unknown formats', () => {
    const other = ['other [abcdefghijk].ja.json3', `${STEM}.live_chat.json`, `${STEM}.info.json`, `${STEM}.ja.ttml`, `${STEM}.mp4`, `${STEM}.ja.json3.part`];
    expect(pickSubtitle(other, STEM, 'ja')).toBeUndefined();
  });
});

describe('findSidecarFiles', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kirinuki-sidecars-'));
    for (const name of [`${STEM}.info.json`, `${STEM}.live_chat.json`, `${STEM}.en.vtt`, `${STEM}.ja-orig.json3`, 'other [abcdefghijk].live_chat.json']) {
      await writeFile(join(dir, name), '{}');
    }
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('finds the chat replay and the best subtitles yt-dlp left beside an .info.json', async () => {
    expect(await findSidecarFiles(join(dir, `${STEM}.info.json`), 'ja')).toEqual({
      chat: join(dir, `${STEM}.live_chat.json`),
      subs: join(dir, `${STEM}.ja-orig.json3`),
    });
  });

  it('finds them beside a video of the same name too', async () => {
    expect((await findSidecarFiles(join(dir, `${STEM}.mp4`))).chat).toBe(join(dir, `${STEM}.live_chat.json`));
  });

  it('finds nothing for a name without sidecars, or in a folder that does not exist', async () => {
    expect(await findSidecarFiles(join(dir, 'lonely [lonelyVideo].info.json'))).toEqual({});
    expect(await findSidecarFiles(join(dir, 'missing', 'x.info.json'))).toEqual({});
  });
});
