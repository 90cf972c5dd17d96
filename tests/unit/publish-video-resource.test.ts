import { describe, expect, it } from 'vitest';
import { clipUploadText } from '../../core/publish/clip-upload-text.js';
import { parsePublishSettings } from '../../core/publish/publish-settings.js';
import { MAX_DESCRIPTION_BYTES, videoResource } from '../../core/publish/video-resource.js';

const MAX_TAGS_CHARS = 500;

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };
const settings = parsePublishSettings({});

describe('the videos.insert resource of a clip', () => {
  it('keeps the title within 100 characters (not bytes) on one line, with no angle brackets', () => {
    const video = videoResource({ title: `${'あ'.repeat(120)}\n<b>`, description: '', tags: [] }, LANDSCAPE, settings);
    const title = video.snippet?.title ?? '';
    expect(title.length).toBeLessThanOrEqual(100);
    expect(title.length).toBeGreaterThan(95);
    expect(title.endsWith('…')).toBe(true);
    expect(videoResource({ title: 'a <b> c', description: 'x > y', tags: [] }, LANDSCAPE, settings).snippet).toMatchObject({ title: 'a ＜b＞ c', description: 'x ＞ y' });
  });

  it('adds #shorts to a portrait clip that does not say it, and only there', () => {
    expect(videoResource({ title: 't', description: 'credit', tags: [] }, PORTRAIT, settings).snippet?.description).toBe('credit\n\n#shorts');
    expect(videoResource({ title: 't', description: 'credit #Shorts', tags: [] }, PORTRAIT, settings).snippet?.description).toBe('credit #Shorts');
    expect(videoResource({ title: 't', description: 'credit', tags: [] }, LANDSCAPE, settings).snippet?.description).toBe('credit');
  });

  it('keeps the description within 5 000 bytes with #shorts still at its end', () => {
    const description = videoResource({ title: 't', description: '笑'.repeat(3000), tags: [] }, PORTRAIT, settings).snippet?.description ?? '';
    expect(Buffer.byteLength(description)).toBeLessThanOrEqual(MAX_DESCRIPTION_BYTES);
    expect(description.endsWith('\n\n#shorts')).toBe(true);
  });

  it('sends tags without # once each, within 500 characters in all', () => {
    const tags = videoResource({ title: 't', description: '', tags: ['#切り抜き', '切り抜き', 'a b', ...Array.from({ length: 100 }, (_, i) => `tag${i}`)] }, LANDSCAPE, settings).snippet?.tags ?? [];
    expect(tags.slice(0, 2)).toEqual(['切り抜き', 'a b']);
    const total = tags.reduce((sum, t) => sum + t.length + (t.includes(' ') ? 2 : 0), 0) + tags.length - 1;
    expect(total).toBeLessThanOrEqual(MAX_TAGS_CHARS);
    expect(tags.length).toBeLessThan(102);
  });

  it('always declares made-for-kids, and schedules with publishAt', () => {
    const at = '2031-05-01T12:00:00.000Z';
    expect(videoResource({ title: 't', description: '', tags: [] }, LANDSCAPE, settings).status).toEqual({ privacyStatus: 'private', selfDeclaredMadeForKids: false });
    const scheduled = videoResource({ title: 't', description: '', tags: [] }, LANDSCAPE, parsePublishSettings({ at, madeForKids: true }));
    expect(scheduled.status).toEqual({ privacyStatus: 'private', selfDeclaredMadeForKids: true, publishAt: at });
  });
});

describe('the upload text of a clip', () => {
  const manifest = { video: { id: 'dQ4wT9xYz0A', title: 'Stream' } };
  const clip = { path: '/p/clips/a.mp4', moment: 3, person: null, start: 75.6, end: 90, width: 1080, height: 1920, durationS: 14.4 };

  it("is the export's own when the manifest has it", () => {
    const upload = { title: 'Own', description: 'd', tags: ['x'] };
    expect(clipUploadText({ ...clip, upload }, manifest)).toEqual(upload);
  });

  it('falls back to the source title and moment, with the source URL at the clip start', () => {
    expect(clipUploadText(clip, manifest)).toEqual({ title: 'Stream #3', description: 'Source: Stream\nhttps://www.youtube.com/watch?v=dQ4wT9xYz0A&t=75s', tags: [] });
    expect(clipUploadText(clip, { video: { id: 'local-3f2a', title: 'Stream' } }).description).toBe('Source: Stream');
  });
});
