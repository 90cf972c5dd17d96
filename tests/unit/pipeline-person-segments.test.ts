import { describe, expect, it } from 'vitest';
import type { FaceTrack } from '../../core/faces/types.js';
import { personSegments, PERSON_MARGIN_S, type PeopleTimeline } from '../../core/pipeline/person-segments.js';

const STEP = 0.2;

function track(id: string, identityId: string | undefined, from: number, to: number): FaceTrack {
  const samples = [];
  for (let t = from; t <= to + 1e-9; t += STEP) samples.push({ t: Math.round(t * 100) / 100, box: { x: 0, y: 0, w: 50, h: 50 }, score: 0.9 });
  return { id, identityId, samples };
}

const windows = (timeline: PeopleTimeline, person: string): Array<[number, number]> =>
  personSegments(person, timeline).map((w) => [w.start, w.end]);

describe('personSegments', () => {
  // panel.mp4 as analysed at 5 fps: A 0-8, B 8-15, C 15-22, A 22-26, B|C 26-31, street 31-34, B 34-38
  const panel: PeopleTimeline = {
    tracks: [
      track('t1', 'A', 0, 7.8),
      track('t2', 'B', 8, 14.8),
      track('t3', 'C', 15, 21.8),
      track('t4', 'A', 22, 25.8),
      track('t5', 'B', 26, 30.8),
      track('t6', 'C', 26, 30.8),
      track('t7', 'B', 34, 38),
    ],
    cuts: [[7.8, 8], [14.8, 15], [21.8, 22], [25.8, 26], [30.8, 31], [33.8, 34]],
  };

  it('starts a clip at the cut into its person, not in the shot before (no 0.5 s of someone else)', () => {
    expect(windows(panel, 'B')[0]).toEqual([8, 14.8]);
  });

  it('ends a clip at the cut out of its person, and never bridges an empty shot between two of their appearances', () => {
    expect(windows(panel, 'B')).toEqual([[8, 14.8], [26, 30.8], [34, 38]]);
  });

  it('keeps a small lead-in where the shot goes on, stopping where someone else is on screen, and ends at the last detection', () => {
    const shot: PeopleTimeline = { tracks: [track('t1', 'A', 2, 5), track('t2', 'B', 5.6, 9), track('t3', undefined, 12, 12.6)], cuts: [] };
    expect(windows(shot, 'A')).toEqual([[1.9 - PERSON_MARGIN_S, 5]]);
    // B's lead-in stops where A was still seen, its tail is the margin
    expect(windows(shot, 'B')[0]![0]).toBeCloseTo(5.5 - PERSON_MARGIN_S, 5);
    const close: PeopleTimeline = { tracks: [track('t1', 'A', 2, 5), track('t2', 'B', 5.2, 9)], cuts: [] };
    expect(windows(close, 'B')[0]![0]).toBeCloseTo(5.1, 5);
    expect(windows(close, 'A')[0]![1]).toBeCloseTo(5, 5);
  });

  it('bridges a short gap in one shot only when nobody else is on screen in it', () => {
    const alone: PeopleTimeline = { tracks: [track('t1', 'A', 0, 3), track('t2', 'A', 4, 6)], cuts: [] };
    expect(windows(alone, 'A')).toHaveLength(1);
    const someone: PeopleTimeline = { tracks: [...alone.tracks, track('t3', 'B', 3.2, 3.8)], cuts: [] };
    expect(windows(someone, 'A')).toEqual([[0, 3], [3.9, 6]]);
    const cut: PeopleTimeline = { tracks: alone.tracks, cuts: [[3.4, 3.6]] };
    expect(windows(cut, 'A')).toHaveLength(2);
  });
});
