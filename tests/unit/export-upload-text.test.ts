import { describe, expect, it } from 'vitest';
import { clipUploadText, peopleInClip } from '../../core/export/clip-upload.js';
import { formatUploadText, uploadTextPath } from '../../core/export/upload-text-file.js';
import { tagsLength, truncate } from '../../core/export/upload-text-limits.js';
import { uploadTextSchema } from '../../core/export/upload-text-schema.js';
import { creditUrl, hashtags, uploadText, type UploadTextInput } from '../../core/export/upload-text.js';

const JA: UploadTextInput = {
  source: { youtubeId: 'dQ4wT9xYz0A', title: 'コラボ配信 ハイライト候補テスト', channel: 'テストch' },
  start: 125.8,
  headline: 'ここで全員爆笑',
  comments: ['2:05 ここで全員爆笑', '2:06 草', 'この流れ好き'],
  people: ['Aoi Sora', '星野'],
  shorts: true,
};

const EN: UploadTextInput = {
  source: { youtubeId: 'abcdefghijk', title: 'Late night talk stream', channel: 'Night Owl' },
  start: 61.2,
  headline: 'the perfect comeback',
  comments: ['the perfect comeback', 'lmao'],
  people: [],
  shorts: false,
};

describe('upload text of a clip', () => {
  it('a Japanese source: 元動画 credit first with the link at the clip\'s whole second, the channel, then the comments, then the hashtags', () => {
    const text = uploadText(JA);
    expect(text.title).toBe('ここで全員爆笑【コラボ配信 ハイライト候補テスト】');
    const lines = text.description.split('\n');
    expect(lines[0]).toBe('元動画: コラボ配信 ハイライト候補テスト');
    expect(lines[1]).toBe('https://www.youtube.com/watch?v=dQ4wT9xYz0A&t=125s');
    expect(lines[2]).toBe('チャンネル: テストch');
    // the comments come as given (clipUploadText strips their timestamps)
    expect(text.description).toContain('・2:06 草');
    expect(lines.at(-1)).toBe('#shorts #切り抜き #AoiSora #星野');
    expect(text.tags).toEqual(['切り抜き', 'テストch', 'Aoi Sora', '星野', 'shorts']);
  });

  it('an English source: "Source:" and "Channel:", no #shorts outside the Shorts preset', () => {
    const text = uploadText(EN);
    expect(text.title).toBe('the perfect comeback | Late night talk stream');
    expect(text.description.startsWith('Source: Late night talk stream\nhttps://www.youtube.com/watch?v=abcdefghijk&t=61s\nChannel: Night Owl\n\n- lmao\n\n#切り抜き')).toBe(true);
    expect(text.description).not.toContain('#shorts');
    expect(text.description.match(/the perfect comeback/g)).toBeNull();
  });

  it('a clip at 0.9 s links t=0s; a local file without a YouTube id has no link', () => {
    expect(creditUrl('abcdefghijk', 0.9)).toBe('https://www.youtube.com/watch?v=abcdefghijk&t=0s');
    const local = uploadText({ ...EN, source: { title: 'my recording' } });
    expect(local.description).not.toContain('youtube.com');
    expect(local.description.startsWith('Source: my recording\n\n')).toBe(true);
  });

  it('keeps within YouTube\'s limits with very long titles, comments and names, and never holds < or >', () => {
    const long = 'とても長いタイトル<script>'.repeat(40);
    const text = uploadText({
      source: { youtubeId: 'dQ4wT9xYz0A', title: long, channel: 'チャンネル'.repeat(100) },
      start: 3599.99,
      headline: '長いコメント😂👨‍👩‍👧'.repeat(30),
      comments: Array.from({ length: 200 }, (_, i) => `${i} ${'すごい>'.repeat(200)}`),
      people: Array.from({ length: 100 }, (_, i) => `Person Number ${i} ${'x'.repeat(i)}`),
      shorts: true,
    });
    expect(text.title.length).toBeLessThanOrEqual(100);
    expect(text.title.length).toBeGreaterThan(90);
    // the Data API holds a description to 5000 bytes: a Japanese character is 3 of them
    expect(Buffer.byteLength(text.description, 'utf8')).toBeLessThanOrEqual(5000);
    expect(Buffer.byteLength(text.description, 'utf8')).toBeGreaterThan(4000);
    expect(tagsLength(text.tags)).toBeLessThanOrEqual(500);
    for (const part of [text.title, text.description, ...text.tags]) expect(part).not.toMatch(/[<>]/);
    expect(text.description.split('\n')[1]).toBe('https://www.youtube.com/watch?v=dQ4wT9xYz0A&t=3599s');
    // the headline keeps its emoji whole (no broken surrogate pair)
    expect(text.title).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(uploadTextSchema.safeParse(text).success).toBe(true);
  });

  it('an edited description is held to YouTube\'s 5000 bytes, not characters', () => {
    const edit = { title: 't', tags: [] };
    expect(uploadTextSchema.safeParse({ ...edit, description: 'あ'.repeat(1666) }).success).toBe(true); // 4998 bytes
    const over = uploadTextSchema.safeParse({ ...edit, description: 'あ'.repeat(1667) }); // 1667 characters, 5001 bytes
    expect(over.success).toBe(false);
    expect(over.error?.issues[0]?.message).toMatch(/5000 bytes/);
  });

  it('a title exactly at 100 characters is kept whole; one over is cut with …', () => {
    const source = 'x'.repeat(100 - '【】'.length - 10);
    const exact = uploadText({ ...JA, source: { title: `あ${source.slice(1)}` }, headline: 'h'.repeat(10) });
    expect(exact.title.length).toBe(100);
    expect(exact.title.endsWith('】')).toBe(true);
    expect(exact.title).not.toContain('…');
    const over = uploadText({ ...JA, source: { title: `あ${source}` }, headline: 'h'.repeat(10) });
    expect(over.title.length).toBe(100);
    expect(over.title).toContain('…】');
  });

  it('no headline: the source title alone; hashtags drop spaces and symbols, and names too long for a tag', () => {
    expect(uploadText({ ...EN, headline: undefined }).title).toBe('Late night talk stream');
    expect(hashtags({ people: ['Mr. Smith!', '', 'x'.repeat(31)], shorts: false })).toEqual(['#切り抜き', '#MrSmith']);
    expect(truncate('abc', 2)).toBe('a…');
  });

  it('a clip\'s text: the top comment without its timestamps is the headline; the people on screen in its window are tagged', () => {
    const moment = { comments: [{ id: 'a', text: '0:04-0:09 草', likes: 3, t: 4 }, { id: 'b', text: '0:05 最高😂', likes: 900, t: 5 }] };
    const people = [{ person: 'Aoi', appearances: [{ start: 0, end: 5 }] }, { person: 'Ren', appearances: [{ start: 30, end: 40 }] }];
    const text = clipUploadText({ source: JA.source, people, shorts: true }, { moment: { ...moment, rank: 1, start: 3, end: 9, peak: 5, score: 1, mentions: 2 }, segments: [{ start: 3, end: 9 }], person: null, start: 3 });
    expect(text.title.startsWith('最高😂【')).toBe(true);
    expect(text.description).toContain('・草');
    expect(text.description).toContain('#Aoi');
    expect(text.description).not.toContain('#Ren');
    expect(peopleInClip([{ start: 31, end: 33 }], 'Ren', people)).toEqual(['Ren']);
  });

  it('the .upload.txt: beside the clip, title, description and tags', () => {
    expect(uploadTextPath('/p/clips/a b #1.mp4')).toBe('/p/clips/a b #1.upload.txt');
    expect(formatUploadText({ title: 'T', description: 'D', tags: ['a', 'b c'] })).toBe('T\n\nD\n\nTags: a, b c\n');
  });

  it('an edited upload text is refused with "<", over 100 characters, or tags over 500', () => {
    expect(uploadTextSchema.safeParse({ title: 'a<b', description: '', tags: [] }).success).toBe(false);
    expect(uploadTextSchema.safeParse({ title: 'a'.repeat(101), description: '', tags: [] }).success).toBe(false);
    expect(uploadTextSchema.safeParse({ title: 'a', description: '', tags: Array.from({ length: 60 }, (_, i) => `tag number ${i}`) }).success).toBe(false);
    expect(uploadTextSchema.safeParse({ title: 'a', description: 'd', tags: ['x'] }).success).toBe(true);
  });
});
