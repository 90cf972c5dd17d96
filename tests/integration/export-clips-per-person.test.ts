import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wholeFile } from '../../core/acquire/video-sections.js';
import { exportClips, type ExportClipsResult } from '../../core/export/export-clips.js';
import { peopleForExport, type PeopleForExport } from '../helpers/people-for-export.js';
import { hideIdentity, updatePeopleEdits } from '../../core/faces/people-edits.js';
import type { Moment } from '../../core/moments/types.js';
import { sharedMedia } from '../helpers/shared-media.js';

const PANEL = sharedMedia('video/panel.mp4');
// one moment over the end of C's part (until 22), A's return (22-26) and B and C side by side (26-31)
const moment: Moment = { rank: 1, start: 21, end: 30, peak: 24, score: 10, mentions: 5, comments: [] };
const video = wholeFile(PANEL);
let root: string;
let found: PeopleForExport;
let exported: ExportClipsResult;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kirinuki-per-person-'));
  found = await peopleForExport(video, [{ start: moment.start, end: moment.end }], { projectsRoot: root, videoId: 'panel' });
  exported = await exportClips({
    video,
    videoMeta: { id: 'panel', title: 'panel', durationS: 38.16 },
    moments: [moment],
    projectDir: join(root, 'panel'),
    preset: 'landscape',
    people: found.people,
  });
}, 300_000);

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('per-person export (clips --per-person)', () => {
  it('finds the three people of the moment, analysing only its window', () => {
    expect(found.faces.analyzedFrames).toBeLessThanOrEqual(60);
    expect(found.people).toHaveLength(3);
  });

  it('makes one clip per person with only their on-screen part, its margin stopping at the cuts, and records the person', async () => {
    expect(exported.clips).toHaveLength(3);
    const inWindow = (person: string): number =>
      found.people
        .find((p) => p.person === person)!
        .appearances.reduce((sum, a) => sum + Math.max(0, Math.min(a.end, moment.end) - Math.max(a.start, moment.start)), 0);
    for (const clip of exported.clips) {
      expect(clip.durationS, String(clip.person)).toBeCloseTo(inWindow(clip.person!), 0);
    }
    // B only in the side-by-side part: 26-30 s, nothing of A's shot before the cut at 26
    const onlySideBySide = exported.clips.filter((c) => c.start > 25);
    expect(onlySideBySide).toHaveLength(1);
    expect(onlySideBySide[0]!.start).toBeGreaterThanOrEqual(25.99);
    expect(onlySideBySide[0]!.durationS).toBeGreaterThan(3.6);
    expect(onlySideBySide[0]!.durationS).toBeLessThanOrEqual(4.01);
    // A: back at 22-26 s, between two cuts: neither C's shot before nor B and C after
    const a = exported.clips.find((c) => c.start > 21.5 && c.start < 22.5 && c.end < 27);
    expect(a?.start).toBeGreaterThanOrEqual(21.99);
    expect(a?.end).toBeLessThanOrEqual(26.01);
    expect(a?.durationS).toBeGreaterThan(3.6);
    // C: the end of its shot (21-22) and the side-by-side part (26-30), nothing of A's shot between
    const c = found.people.find((p) => p.person !== a?.person && p.person !== onlySideBySide[0]!.person)!;
    for (const part of c.appearances) expect(part.end <= 22.01 || part.start >= 25.99, JSON.stringify(c.appearances)).toBe(true);
    const manifest = JSON.parse(await readFile(exported.manifestPath, 'utf8')) as { clips: Array<{ person: string | null }> };
    expect(manifest.clips.map((c) => c.person).sort()).toEqual(found.people.map((p) => p.person).sort());
    expect(exported.reels).toHaveLength(3);
  });

  it('leaves hidden people out, and answers PERSON_NOT_FOUND / NO_FACES', async () => {
    const dir = join(root, 'panel');
    const hidden = found.people[0]!.person;
    await updatePeopleEdits(dir, (edits) => hideIdentity(edits, hidden));
    const again = await peopleForExport(video, [{ start: moment.start, end: moment.end }], { projectsRoot: root, videoId: 'panel' });
    expect(again.faces.cached).toBe(true);
    expect(again.people.map((p) => p.person)).not.toContain(hidden);
    await expect(peopleForExport(video, [{ start: moment.start, end: moment.end }], { projectsRoot: root, videoId: 'panel', person: 'nobody' }))
      .rejects.toMatchObject({ code: 'PERSON_NOT_FOUND' });
    // the street scene (31-34 s) has nobody in it
    await expect(peopleForExport(video, [{ start: 32, end: 33 }], { projectsRoot: root, videoId: 'street', person: 'person-1' }))
      .rejects.toMatchObject({ code: 'NO_FACES' });
  });
});
