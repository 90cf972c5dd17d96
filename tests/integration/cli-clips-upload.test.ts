import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveUploadEdit } from '../../core/export/upload-edits.js';
import { ffmpegPath } from '../../core/media/binaries.js';
import { ensureBuilt, runCli } from '../helpers/built-cli.js';
import { makeThreads, startFakeYoutubeApi, type FakeYoutubeApi } from '../helpers/fake-youtube-api.js';
import { sharedMedia } from '../helpers/shared-media.js';

const run = promisify(execFile);
const PANEL = sharedMedia('video/panel.mp4'); // 1280x720, 25 fps, 38.16 s
const TITLE = 'Panel トーク: 3 people';
const CHANNEL = 'Panel Channel';

/** yt-dlp's info.json shape: viewers point at 0:04 and 0:17 of the panel video. */
function infoJson(extra: object = {}): object {
  const comments = [
    ...['0:04-0:09 lol', '0:04~0:09 草', '0:05 this', '0:04-0:09 ww'].map((text, i) => ({ text, like_count: 3 + i, author_id: `UCa${i}` })),
    ...['0:17-0:22 神', '0:17~0:22 yes', '0:18 最高😂', '0:17 omg'].map((text, i) => ({ text, like_count: i === 2 ? 900 : 2, author_id: `UCb${i}` })),
  ].map((c, i) => ({ id: `c${i}`, parent: 'root', author: c.author_id, timestamp: 1700000000 + i, ...c }));
  return { id: 'panelVideo1', title: TITLE, channel: CHANNEL, duration: 38.16, timestamp: 1700000000, availability: 'public', comments, ...extra };
}

interface Upload {
  title: string;
  description: string;
  tags: string[];
}
interface ClipsJson {
  clips: { path: string; start: number; end: number; upload: Upload }[];
  manifest: string;
}

let scratch: string;
beforeAll(async () => {
  await ensureBuilt('dist/core/cli/commands/clips.js');
  await run('tesseract', ['--version']).catch(() => {
    throw new Error('tesseract is missing: run `node scripts/ensure-system-tools.mjs` (Debian tesseract-ocr, tesseract-ocr-jpn).');
  });
  scratch = await mkdtemp(join(tmpdir(), 'kirinuki-upload-cli-'));
});
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function commentsFile(name: string, extra: object = {}): Promise<string> {
  const path = join(scratch, name);
  await writeFile(path, JSON.stringify(infoJson(extra)));
  return path;
}

/** Every file under `dir`, recursively (relative names). */
async function filesUnder(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  return (await readdir(dir, { recursive: true })).map(String);
}

async function ocr(png: string): Promise<string> {
  const { stdout } = await run('tesseract', [png, 'stdout', '-l', 'jpn+eng', '--psm', '6']);
  return stdout;
}

const normalise = (text: string): string => text.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');

describe('upload text, credit and guidelines (kirinuki clips)', () => {
  it('--json and the manifest carry clips[].upload, each clip has its .upload.txt, --credit is read back from the frames, an edit survives a re-export', async () => {
    const root = join(scratch, 'ok');
    const args = [PANEL, '--comments', await commentsFile('ok.info.json'), '--out', root, '--preset', 'shorts', '--crop', 'center', '--max-length', '3', '--top', '2', '--credit', '--guidelines', 'example-agency', '--json'];
    const first = await runCli(['clips', ...args], { cwd: scratch });
    expect(first.stderr).not.toMatch(/^error /m);
    expect(first.code).toBe(0);
    const result = JSON.parse(first.stdout) as ClipsJson;
    expect(result.clips).toHaveLength(2);
    const manifest = JSON.parse(await readFile(result.manifest, 'utf8')) as ClipsJson;
    for (const [i, clip] of result.clips.entries()) {
      expect(Object.keys(clip.upload).sort()).toEqual(['description', 'tags', 'title']);
      const lines = clip.upload.description.split('\n');
      expect(lines.slice(0, 3)).toEqual([`元動画: ${TITLE}`, `https://www.youtube.com/watch?v=panelVideo1&t=${Math.floor(clip.start)}s`, `チャンネル: ${CHANNEL}`]);
      expect(lines.at(-1)).toBe('#shorts #切り抜き');
      expect(clip.upload.title.length).toBeLessThanOrEqual(100);
      expect(clip.upload.title.endsWith(`【${TITLE}】`)).toBe(true);
      expect(manifest.clips[i]?.upload).toEqual(clip.upload);
      const text = await readFile(clip.path.replace(/\.mp4$/, '.upload.txt'), 'utf8');
      expect(text).toBe(`${clip.upload.title}\n\n${clip.upload.description}\n\nTags: ${clip.upload.tags.join(', ')}\n`);
    }
    // the 0:17 moment's top comment (900 likes), timestamps taken out, is its headline
    expect(result.clips.map((c) => c.upload.title)).toContain(`最高😂【${TITLE}】`);
    expect((await filesUnder(root)).filter((n) => n.endsWith('.tmp'))).toEqual([]);

    // the credit, top left of the portrait frame, read back by OCR
    const [clip] = result.clips;
    const png = join(scratch, 'credit.png');
    await run(ffmpegPath(), ['-v', 'error', '-y', '-ss', '1', '-i', clip!.path, '-frames:v', '1', '-vf', 'crop=iw*0.75:ih*0.1:0:ih*0.05', png]);
    const read = normalise(await ocr(png));
    expect(read, read).toContain(normalise(CHANNEL));
    expect(read, read).toContain(normalise('3 people'));
    expect(read, read).toMatch(/出典|典/);

    // the user's edit (as the app saves it) is kept by the next export of the same clip, even with other settings
    const exportDir = join(root, (await readdir(root))[0] ?? '');
    const edit = { title: 'my own title', description: 'my own description', tags: ['mine'] };
    await saveUploadEdit(exportDir, clip!.path, { upload: edit, start: clip!.start, end: clip!.end });
    const again = await runCli(['clips', ...args.filter((a) => a !== '--credit')], { cwd: scratch });
    expect(again.code).toBe(0);
    const rerun = JSON.parse(again.stdout) as ClipsJson;
    const remade = rerun.clips.find((c) => c.start === clip!.start);
    expect(remade?.path).toMatch(/ v2\.mp4$/); // without --credit: another file, the credited one kept
    expect(remade?.upload).toEqual(edit);
    expect(await readFile(remade!.path.replace(/\.mp4$/, '.upload.txt'), 'utf8')).toContain('my own title');
    expect(rerun.clips.find((c) => c.start !== clip!.start)?.upload.title).not.toBe(edit.title);
  });

  it('a members-only source (yt-dlp availability subscriber_only) is refused with GUIDELINE_MEMBERS_ONLY before anything is encoded', async () => {
    const root = join(scratch, 'members');
    const refused = await runCli(['clips', PANEL, '--comments', await commentsFile('members.info.json', { availability: 'subscriber_only' }), '--out', root, '--crop', 'center', '--max-length', '3', '--top', '2', '--guidelines', 'example-strict', '--json'], { cwd: scratch });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/^error GUIDELINE_MEMBERS_ONLY: Guideline "refuse" of profile "example-strict" refuses members-only videos, and video panelVideo1 \("Panel トーク: 3 people"\) is members-only: it is not clipped\.$/m);
    const files = await filesUnder(root);
    expect(files.filter((n) => /\.(mp4|mkv|part|upload\.txt)$/.test(n) || n.endsWith('manifest.json'))).toEqual([]);
  });

  describe('through the Data API (fake server on 127.0.0.1)', () => {
    let api: FakeYoutubeApi;
    const LIVE = 'recentLive1';
    const MEMBERS = 'membersVid1';
    const texts = ['0:04-0:09 lol', '0:04 草', '0:17-0:22 神', '0:18 yes'].map((text, i) => ({ text, likes: i + 1 }));
    beforeAll(async () => {
      api = await startFakeYoutubeApi({
        videos: [
          { id: LIVE, title: 'Live stream テスト', duration: 'PT38S', threads: makeThreads(LIVE, texts), channelTitle: 'Live Channel', actualEndTime: new Date(Date.now() - 2 * 3600_000).toISOString() },
          { id: MEMBERS, title: 'Members stream', duration: 'PT38S', threads: makeThreads(MEMBERS, texts), channelTitle: 'Live Channel', publishedAt: '2025-01-01T00:00:00Z' },
        ],
      });
    });

    it('the API calls a members-only video public; yt-dlp\'s availability subscriber_only refuses it with GUIDELINE_MEMBERS_ONLY before any download', async () => {
      const root = join(scratch, 'members-api');
      const calls = join(scratch, 'ytdlp-members-calls.txt');
      const refused = await runCli(['clips', MEMBERS, '--signals', 'comments,chat', '--out', root, '--crop', 'center', '--max-length', '3', '--top', '2', '--guidelines', 'example-agency', '--json'], {
        cwd: scratch,
        env: { YOUTUBE_API_ROOT: api.url, YOUTUBE_API_KEY: api.apiKey, FAKE_YTDLP_CALLS: calls, FAKE_YTDLP_AVAILABILITY: 'subscriber_only' },
      });
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/^error GUIDELINE_MEMBERS_ONLY: Guideline "refuse" of profile "example-agency" refuses members-only videos, and video membersVid1 \("Members stream"\) is members-only: it is not clipped\.$/m);
      const lines = (await readFile(calls, 'utf8')).split('\n').filter((l) => l !== '');
      expect(lines.length).toBeGreaterThan(0); // yt-dlp was asked for the info (and the chat) only
      expect(lines.filter((l) => !l.includes('--skip-download'))).toEqual([]);
      expect((await filesUnder(root)).filter((n) => /\.(mp4|mkv|part|webm)$/.test(n))).toEqual([]);
    });
    afterAll(async () => {
      await api?.close();
    });

    it('a stream that ended 2 h ago is refused with GUIDELINE_TOO_SOON before yt-dlp downloads anything', async () => {
      const root = join(scratch, 'recent');
      const calls = join(scratch, 'ytdlp-calls.txt');
      const refused = await runCli(['clips', LIVE, '--signals', 'comments', '--out', root, '--crop', 'center', '--max-length', '3', '--top', '2', '--guidelines', 'example-strict', '--json'], {
        cwd: scratch,
        env: { YOUTUBE_API_ROOT: api.url, YOUTUBE_API_KEY: api.apiKey, FAKE_YTDLP_CALLS: calls },
      });
      expect(refused.code).not.toBe(0);
      expect(refused.stderr).toMatch(/^error GUIDELINE_TOO_SOON: Guideline "minHoursAfter" of profile "example-strict" asks to wait 12 h after the stream ended \(.+\) of video recentLive1 \("Live stream テスト"\), and only 2\.0 h have passed: clip it after .+\.$/m);
      const downloads = existsSync(calls) ? (await readFile(calls, 'utf8')).split('\n').filter((l) => l !== '' && !l.includes('--skip-download')) : [];
      expect(downloads).toEqual([]);
      expect((await filesUnder(root)).filter((n) => /\.(mp4|mkv|part|webm)$/.test(n) || n.includes('downloads'))).toEqual([]);
      // videos.list asked for what the profile checks, and no comment page was asked for after it
      expect(api.requests.find((r) => r.path.endsWith('/videos'))?.query.part).toContain('liveStreamingDetails');
      expect(api.requests.filter((r) => r.path.endsWith('/commentThreads') && r.query.videoId === LIVE)).toEqual([]);
    });
  });
});
