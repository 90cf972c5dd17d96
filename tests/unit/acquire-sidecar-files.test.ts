import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSidecarFiles, pickSubtitle, pickSubtitleTrack, sidecarStem, subtitleChoiceBeside, subtitleChoiceOfInfo } from '../../core/acquire/sidecar-files.js';

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
    expect(pickSubtitle(names('ja.srt', 'ja.vtt', 'ja.json3'), STEM, { videoLanguage: 'ja' })).toBe(`${STEM}.ja.json3`);
    expect(pickSubtitle(names('ja.srt', 'ja.vtt'), STEM, { videoLanguage: 'ja' })).toBe(`${STEM}.ja.vtt`);
  });

  it("takes the video's own language (or its -orig auto-captions) before a translation, whatever the format", () => {
    expect(pickSubtitle(names('en.json3', 'ja-orig.srt'), STEM, { videoLanguage: 'ja' })).toBe(`${STEM}.ja-orig.srt`);
    expect(pickSubtitle(names('en.json3', 'ja.vtt', 'fr.json3'), STEM, { videoLanguage: 'ja' })).toBe(`${STEM}.ja.vtt`);
  });

  it('takes an -orig track first when the video language is not known', () => {
    expect(pickSubtitle(names('en.json3', 'de.json3', 'ja-orig.json3'), STEM)).toBe(`${STEM}.ja-orig.json3`);
  });

  it("takes the uploader's track before the auto-captions of the same language and format", () => {
    expect(pickSubtitle(names('ja-orig.json3', 'ja.json3'), STEM, { videoLanguage: 'ja' })).toBe(`${STEM}.ja.json3`);
  });

  it("takes the uploader's track in the spoken language first (before -orig, whatever the format), read off the info JSON's tables", () => {
    // yt-dlp 2023.03.04 writes no `language`: `ja-orig` among the auto-captions says what is spoken
    const choice = subtitleChoiceOfInfo({ subtitles: { ja: [], en: [] }, automatic_captions: { 'ja-orig': [], ja: [], en: [], ko: [] } });
    expect(choice).toEqual({ uploaderLanguages: ['ja', 'en'], autoLanguages: ['ja-orig', 'ja', 'en', 'ko'] });
    expect(pickSubtitleTrack(names('ja-orig.json3', 'ja.vtt', 'en.json3'), STEM, choice)).toEqual({ name: `${STEM}.ja.vtt`, language: 'ja', uploader: true, spoken: 'ja' });
    expect(pickSubtitle(names('ja-orig.json3', 'en.json3', 'ko.json3'), STEM, choice)).toBe(`${STEM}.ja-orig.json3`);
  });

  it("prefers -orig to an auto-caption that only shares its code, and the uploader's other language to a machine translation", () => {
    const autoOnly = subtitleChoiceOfInfo({ subtitles: {}, automatic_captions: { 'ja-orig': [], ja: [], en: [], ko: [] } });
    expect(pickSubtitleTrack(names('ja.json3', 'ja-orig.json3'), STEM, autoOnly)).toEqual({ name: `${STEM}.ja-orig.json3`, language: 'ja-orig', uploader: false, translated: false, spoken: 'ja' });
    const englishByUploader = subtitleChoiceOfInfo({ subtitles: { en: [] }, automatic_captions: { 'ja-orig': [], ja: [], ko: [], 'ko-en': [] } });
    expect(pickSubtitle(names('ko.json3', 'en.srt'), STEM, englishByUploader)).toBe(`${STEM}.en.srt`);
  });

  it('an info JSON with a `language` (newer yt-dlp) says what is spoken; the live chat is not a caption track', () => {
    const choice = subtitleChoiceOfInfo({ language: 'en', subtitles: { live_chat: [], en: [] }, automatic_captions: {} });
    expect(choice.uploaderLanguages).toEqual(['en']);
    expect(pickSubtitle(names('ja.json3', 'en.vtt'), STEM, choice)).toBe(`${STEM}.en.vtt`);
  });

  it("with --subs-lang: the uploader's track in it, then its regional one, then the auto-captions in it (a translation, and says so), never another language", () => {
    const tables = { subtitles: { ja: [], 'en-US': [] }, automatic_captions: { 'ja-orig': [], ja: [], en: [], ko: [], 'ko-ja': [] } };
    const en = subtitleChoiceOfInfo(tables, 'en');
    expect(pickSubtitle(names('ja.json3', 'en-US.vtt', 'en.json3'), STEM, en)).toBe(`${STEM}.en-US.vtt`);
    const ko = subtitleChoiceOfInfo(tables, 'ko');
    expect(pickSubtitleTrack(names('ja.json3', 'ja-orig.json3', 'ko.json3'), STEM, ko)).toEqual({ name: `${STEM}.ko.json3`, language: 'ko', uploader: false, translated: true, spoken: 'ja' });
    expect(pickSubtitle(names('ja.json3', 'ja-orig.json3', 'en.json3'), STEM, ko)).toBeUndefined();
    // the spoken language asked for by name: the uploader's, else its auto-captions (not a translation)
    expect(pickSubtitle(names('ja.srt', 'ja-orig.json3'), STEM, subtitleChoiceOfInfo(tables, 'JA'))).toBe(`${STEM}.ja.srt`);
    const autoJa = subtitleChoiceOfInfo({ subtitles: {}, automatic_captions: { 'ja-orig': [], ja: [] } }, 'ja');
    expect(pickSubtitleTrack(names('ja.json3', 'en.json3'), STEM, autoJa)).toMatchObject({ language: 'ja', uploader: false, translated: false });
  });

  it('with --subs-lang and no info JSON: the file in that language, whoever made it', () => {
    expect(pickSubtitleTrack(names('ja.json3', 'en.vtt', 'en-GB.json3'), STEM, { subsLang: 'en' })).toEqual({ name: `${STEM}.en.vtt`, language: 'en' });
    expect(pickSubtitle(names('ja.json3', 'en-GB.json3'), STEM, { subsLang: 'en' })).toBe(`${STEM}.en-GB.json3`);
    expect(pickSubtitle(names('ja.json3'), STEM, { subsLang: 'en' })).toBeUndefined();
  });

  it('ignores the chat, other videos, the info JSON and unknown formats', () => {
    const other = ['other [abcdefghijk].ja.json3', `${STEM}.live_chat.json`, `${STEM}.info.json`, `${STEM}.ja.ttml`, `${STEM}.mp4`, `${STEM}.ja.json3.part`];
    expect(pickSubtitle(other, STEM, { videoLanguage: 'ja' })).toBeUndefined();
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

  it("with --subs-lang, picks `Title [id].LANG.*` beside the .info.json, and reads the info JSON beside a video for whose track it is", async () => {
    const info = join(dir, `${STEM}.info.json`);
    expect(await findSidecarFiles(info, { videoLanguage: 'ja', subsLang: 'en' })).toEqual({
      chat: join(dir, `${STEM}.live_chat.json`),
      subs: join(dir, `${STEM}.en.vtt`),
      subsTrack: { language: 'en', spoken: 'ja' },
    });
    expect((await findSidecarFiles(info, { subsLang: 'ko' })).subs).toBeUndefined();
    const translated = join(dir, 'translated [translated1].info.json');
    await writeFile(translated, JSON.stringify({ id: 'translated1', subtitles: {}, automatic_captions: { 'ja-orig': [], ja: [], en: [] } }));
    await writeFile(join(dir, 'translated [translated1].en.json3'), '{}');
    const choice = await subtitleChoiceBeside(join(dir, 'translated [translated1].mp4'), 'en');
    expect(choice).toEqual({ uploaderLanguages: [], autoLanguages: ['ja-orig', 'ja', 'en'], subsLang: 'en' });
    expect((await findSidecarFiles(join(dir, 'translated [translated1].mp4'), choice)).subsTrack).toEqual({ language: 'en', uploader: false, translated: true, spoken: 'ja' });
    expect(await subtitleChoiceBeside(join(dir, 'lonely [lonelyVideo].mp4'), 'en')).toEqual({ subsLang: 'en' });
  });

  it('finds the chat replay and the best subtitles yt-dlp left beside an .info.json', async () => {
    expect(await findSidecarFiles(join(dir, `${STEM}.info.json`), { videoLanguage: 'ja' })).toEqual({
      chat: join(dir, `${STEM}.live_chat.json`),
      subs: join(dir, `${STEM}.ja-orig.json3`),
      subsTrack: { language: 'ja-orig', uploader: false, translated: false, spoken: 'ja' },
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
