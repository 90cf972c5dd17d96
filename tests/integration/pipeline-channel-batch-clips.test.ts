import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeMedia } from '../../core/media/probe.js';
import { readPeopleEdits } from '../../core/faces/people-edits.js';
import { runChannelBatch, type ChannelBatchOptions } from '../../core/pipeline/channel-batch.js';
import { readChannelPeople } from '../../core/project/channel-people.js';
import { readProject } from '../../core/project/project-store.js';
import { startFakeYoutubeApi, type FakeYoutubeApi } from '../helpers/fake-youtube-api.js';
import { CHANNEL_HANDLE, fakeChannel, fakeChannelVideos } from '../helpers/channel-fake-channel.js';
import { sharedMedia } from '../helpers/shared-media.js';

const REPO = resolve(import.meta.dirname, '../..');
const BIN = join(REPO, 'bin/kirinuki.js');

// panel.mp4: A 0–8, B 8–15, C 15–22, … (media README); liveportrait_d12.mp4 is B alone
const videos = fakeChannelVideos([
  { id: 'panelVid001', title: 'パネル トーク【第1回】', mentions: 30, peaks: [11, 3, 11, 3, 11], durationS: 38 },
  { id: 'memberB0002', title: 'Member B solo [short]', mentions: 12, peakS: 2, durationS: 7 },
  { id: 'missingFil3', title: 'Not downloaded', mentions: 10, peakS: 30, durationS: 60 },
  { id: 'brokenFil04', title: 'Broken file', mentions: 10, peakS: 5, durationS: 20 },
]);

let api: FakeYoutubeApi;
let scratch: string;
let videoDir: string;
let out: string;

function cli(args: string[]): { status: number | null; stdout: string; stderr: string } {
  if (!existsSync(join(REPO, 'dist/core/pipeline/apply-person-names.js'))) {
    spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: REPO, stdio: 'ignore' });
  }
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd: REPO });
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'kirinuki-channel-clips-'));
  videoDir = join(scratch, 'videos');
  out = join(scratch, 'out');
  await mkdir(videoDir);
  await symlink(sharedMedia('video/panel.mp4'), join(videoDir, 'パネル トーク【第1回】 [panelVid001].mp4'));
  await symlink(sharedMedia('video/liveportrait_d12.mp4'), join(videoDir, 'memberB0002.mp4'));
  await writeFile(join(videoDir, 'Broken file [brokenFil04].mp4'), 'this is not a video\n');
  api = await startFakeYoutubeApi({ videos, channels: [fakeChannel(videos)] });
});

afterAll(async () => {
  await api.close();
  await rm(scratch, { recursive: true, force: true });
});

describe('channel batch with clips from --video-dir', () => {
  // short windows keep the encodes cheap: each moment's clip is 2–4 s
  const options = (): ChannelBatchOptions => ({
    out, apiKey: api.apiKey, apiRoot: api.url, videoDir,
    moments: { minLength: 2, maxLength: 4 },
    clips: { top: 2, preset: 'landscape' },
  });

  it('exports clips and matches the people of one video with those of another', async () => {
    const first = await runChannelBatch(CHANNEL_HANDLE, options());
    expect(first.videos.map((v) => [v.id, v.status, v.error?.code])).toEqual([
      ['panelVid001', 'done', undefined],
      ['memberB0002', 'done', undefined],
      ['missingFil3', 'failed', 'FILE_NOT_FOUND'],
      ['brokenFil04', 'failed', 'UNREADABLE_MEDIA'],
    ]);
    expect(first.videos[3]?.error?.message).toContain('brokenFil04');
    expect((await readProject(out, 'brokenFil04'))?.stages.faces?.status).toBe('failed');
    expect(first.videos[0]?.clips).toBe(2);

    const panel = await readProject(out, 'panelVid001');
    for (const clip of panel?.clips ?? []) {
      const info = await probeMedia(join(out, 'panelVid001', clip.path));
      expect([info.width, info.height]).toEqual([1280, 720]);
      expect(Math.abs(info.durationS - clip.durationS)).toBeLessThan(0.1);
    }
    expect(panel?.clips?.map((c) => c.start < 11 && c.end > 11 ? 'B' : c.start < 3 && c.end > 3 ? 'A' : '?').sort()).toEqual(['A', 'B']);
    // the clip windows show A then B: two people, each with a thumbnail
    expect(panel?.identities).toHaveLength(2);
    expect(panel?.identities?.every((i) => i.thumbnail && existsSync(resolve(out, 'panelVid001', i.thumbnail)))).toBe(true);
    const people = await readChannelPeople(out);
    expect(people.people).toHaveLength(2);
    const solo = (await readProject(out, 'memberB0002'))?.identities ?? [];
    expect(solo).toHaveLength(1);
    const panelB = panel?.identities?.find((i) => i.appearances.some(([s, e]) => s < 11 && e > 11));
    expect(panelB?.personId).toBeDefined();
    expect(solo[0]?.personId).toBe(panelB?.personId);
  }, 400_000);

  it('names a person once for every video (built CLI), and a new preset redoes only the export', async () => {
    const personB = (await readProject(out, 'panelVid001'))?.identities?.find((i) => i.appearances.some(([s, e]) => s < 11 && e > 11));
    const named = cli(['people', out, '--name', `${personB?.personId}=Member B`, '--json']);
    expect(named.status).toBe(0);
    const listing = JSON.parse(named.stdout) as { people: { id: string; name?: string; totalS: number; videos: { id: string }[] }[] };
    const b = listing.people.find((p) => p.name === 'Member B');
    expect(b?.videos.map((v) => v.id).sort()).toEqual(['memberB0002', 'panelVid001']);
    expect(b?.totalS).toBeGreaterThan(7);
    const soloEdits = await readPeopleEdits(join(out, 'memberB0002'));
    expect(Object.values(soloEdits.identities).map((e) => e.name)).toEqual(['Member B']);
    expect(await readFile(join(out, 'report.html'), 'utf8')).toContain('Member B');
    const unknown = cli(['people', out, '--name', 'P99=Nobody']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toMatch(/^error PERSON_NOT_FOUND: .*P99/m);

    const before = await readProject(out, 'panelVid001');
    // one portrait clip per video keeps the second run cheap
    const second = await runChannelBatch(CHANNEL_HANDLE, { ...options(), clips: { top: 1, preset: 'shorts', crop: 'follow' } });
    expect(second.quota.units).toBe(0);
    const after = await readProject(out, 'panelVid001');
    expect(after?.stages.moments?.completedAt).toBe(before?.stages.moments?.completedAt);
    expect(after?.stages.export?.completedAt).not.toBe(before?.stages.export?.completedAt);
    expect(after?.clips).toHaveLength(1);
    expect(after?.clips?.[0]?.moment).toBe(1);
    expect(after?.clips?.[0]?.start).toBeLessThan(11);
    const portrait = await probeMedia(join(out, 'panelVid001', after?.clips?.[0]?.path ?? ''));
    expect([portrait.width, portrait.height, portrait.videoCodec]).toEqual([1080, 1920, 'h264']);
    const clipsManifest = JSON.parse(await readFile(join(out, 'panelVid001', 'manifest.json'), 'utf8')) as { crop: string; preset: string };
    expect([clipsManifest.preset, clipsManifest.crop]).toEqual(['shorts', 'follow']);
    expect(after?.identities?.find((i) => i.personId === personB?.personId)?.name).toBe('Member B');

    const html = await readFile(join(out, 'report.html'), 'utf8');
    expect(html).toContain('パネル トーク【第1回】');
    expect(html).toMatch(/<img src="panelVid001\/faces\/[^"]+\.jpg"/);
    expect(html).toContain('FILE_NOT_FOUND');
    const leftovers = (await readdir(out, { recursive: true })).filter((n) => /\.tmp$|\.part$|\.lock$/.test(n));
    expect(leftovers).toEqual([]);
    const missing = cli(['people', join(scratch, 'nowhere')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^error FILE_NOT_FOUND: .*nowhere/m);
  }, 400_000);
});
