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

  it('makes one clip per person with only their on-screen part (plus a short margin) and records the person', async () => {
    expect(exported.clips).toHaveLength(3);
    const onScreen = (person: string, from: number, to: number): number =>
      found.faces.identities
        .find((i) => i.id === person)!
        .appearances.reduce((sum, [s, e]) => sum + Math.max(0, Math.min(e + 0.5, to) - Math.max(s - 0.5, from)), 0);
    for (const clip of exported.clips) {
      expect(clip.durationS, String(clip.person)).toBeCloseTo(onScreen(clip.person!, moment.start, moment.end), 0);
    }
    // B only in the side-by-side part: 26-30 s plus the margin before it
    const onlySideBySide = exported.clips.filter((c) => c.start > 25);
    expect(onlySideBySide).toHaveLength(1);
    expect(onlySideBySide[0]!.durationS).toBeGreaterThan(4);
    expect(onlySideBySide[0]!.durationS).toBeLessThan(5);
    // A: back at 22-26 s
    const a = exported.clips.find((c) => c.start > 21.2 && c.start < 22 && c.end < 27.2);
    expect(a?.durationS).toBeGreaterThan(4.5);
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
