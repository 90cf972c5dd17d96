import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wholeFile } from '../../core/acquire/video-sections.js';
import { exportClips, type ExportClipsResult } from '../../core/export/export-clips.js';
import { createFaceWorkerPool, type FaceWorkerPool } from '../../core/faces/face-worker-pool.js';
import type { Moment } from '../../core/moments/types.js';
import { facesInClip, type FrameFaces } from '../helpers/faces-in-clip.js';
import { peopleForExport, type PeopleForExport } from '../helpers/people-for-export.js';
import { sharedMedia } from '../helpers/shared-media.js';
import { composeSlideOutPanel } from '../helpers/slide-out-panel.js';

const PANEL = sharedMedia('video/panel.mp4');
// A 4-8, B 8-15, C 15-22, A 22-25 (cuts between each); then the empty street 31-34 and B 34-38
const moments: Moment[] = [
  { rank: 1, start: 4, end: 25, peak: 10, score: 10, mentions: 5, comments: [] },
  { rank: 2, start: 31.5, end: 38, peak: 35, score: 5, mentions: 3, comments: [] },
];
const video = wholeFile(PANEL);
let root: string;
let pool: FaceWorkerPool;
let found: PeopleForExport;
let exported: ExportClipsResult;
const seen = new Map<string, FrameFaces[]>();
let slides: { found: PeopleForExport; exported: ExportClipsResult; seen: Map<string, FrameFaces[]> };

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'kirinuki-person-only-'));
  found = await peopleForExport(video, moments.map((m) => ({ start: m.start, end: m.end })), { projectsRoot: root, videoId: 'panel' });
  exported = await exportClips({
    video,
    videoMeta: { id: 'panel', title: 'panel', durationS: 38.16 },
    moments,
    projectDir: join(root, 'panel'),
    preset: 'landscape',
    people: found.people,
  });
  pool = createFaceWorkerPool({ size: 1 });
  for (const clip of exported.clips) seen.set(clip.path, await facesInClip(pool, clip.path, found.faces.identities));
  // the four people sliding out of the frame, through its edges and with whole shots (0-29 s: one person at a time)
  const panel = await composeSlideOutPanel(root);
  const slideMoment: Moment = { rank: 1, start: 0, end: 29, peak: 10, score: 10, mentions: 5, comments: [] };
  const slideFound = await peopleForExport(wholeFile(panel.path), [{ start: 0, end: 29 }], { projectsRoot: root, videoId: 'slides' });
  const slideExported = await exportClips({
    video: wholeFile(panel.path),
    videoMeta: { id: 'slides', title: 'slides', durationS: panel.durationS },
    moments: [slideMoment],
    projectDir: join(root, 'slides'),
    preset: 'landscape',
    people: slideFound.people,
  });
  slides = { found: slideFound, exported: slideExported, seen: new Map() };
  for (const clip of slideExported.clips) slides.seen.set(clip.path, await facesInClip(pool, clip.path, slideFound.faces.identities));
}, 600_000);

afterAll(async () => {
  await pool?.close();
  await rm(root, { recursive: true, force: true });
});

function expectOnlyTheirPerson(result: ExportClipsResult, faces: Map<string, FrameFaces[]>): void {
  for (const clip of result.clips) {
    const frames = faces.get(clip.path)!;
    expect(frames.length, clip.path).toBeGreaterThanOrEqual(Math.floor(clip.durationS * 3) - 1);
    for (const frame of frames) {
      const where = `${clip.person} clip of moment ${clip.moment} at ${frame.t.toFixed(2)} s: ${JSON.stringify(frame.faces)}`;
      expect(frame.faces.length, where).toBeLessThanOrEqual(1);
      for (const face of frame.faces) {
        expect(face.person, where).toBe(clip.person);
        expect(face.distance, where).toBeLessThan(0.55);
      }
    }
    // B's detection drops single frames now and then; nowhere a stretch without the person (no street)
    const empty = frames.filter((f) => f.faces.length === 0).length;
    const when = frames.filter((f) => f.faces.length === 0).map((f) => f.t.toFixed(2)).join(' ');
    expect(empty, `${clip.person} clip of moment ${clip.moment}: ${empty} of ${frames.length} frames without a face (${when})`).toBeLessThanOrEqual(Math.max(2, frames.length * 0.1));
  }
}

describe('per-person clips of panel.mp4 (cuts between people, an empty street)', () => {
  it('makes the clips of the three people: A, B and C in the first moment, B alone in the second', () => {
    expect(exported.clips.map((c) => `${c.moment} ${c.person}`).sort()).toEqual(['1 person-1', '1 person-2', '1 person-3', '2 person-2']);
  });

  it('shows in every sampled frame of a clip its person and nobody else', () => {
    expectOnlyTheirPerson(exported, seen);
  });

  it('starts B\'s clip of the second moment at the cut after the street, not in it', () => {
    const b = exported.clips.find((c) => c.moment === 2)!;
    expect(b.start).toBeGreaterThanOrEqual(33.99);
    expect(b.durationS).toBeGreaterThan(3.5);
  });
});

describe('per-person clips of a panel where people slide out of the frame', () => {
  it('makes one clip for each of the four people, each showing only their person', () => {
    expect(new Set(slides.exported.clips.map((c) => c.person)).size).toBe(4);
    expectOnlyTheirPerson(slides.exported, slides.seen);
  });
});
