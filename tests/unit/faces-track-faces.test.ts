import { describe, expect, it } from 'vitest';
import { splitChangedTracks } from '../../core/faces/split-changed-tracks.js';
import { FaceTracker, trackFaces, type FrameDetections } from '../../core/faces/track-faces.js';
import type { FaceBox } from '../../core/faces/types.js';

const FPS = 5;
const box = (x: number, y = 100, size = 80): FaceBox => ({ x, y, w: size, h: size });
/** A pseudo-random 128-d descriptor: different seeds are about 0.9 apart, like different people. */
const descriptor = (seed: number): number[] =>
  Array.from({ length: 128 }, (_, i) => {
    const x = Math.sin(seed * 12.9898 + i * 78.233) * 43758.5453;
    return (x - Math.floor(x) - 0.5) * 0.2;
  });

function frames(count: number, at: (i: number) => FrameDetections['detections'], cutAt: number[] = []): FrameDetections[] {
  return Array.from({ length: count }, (_, i) => ({ t: i / FPS, detections: at(i), cut: cutAt.includes(i) }));
}

describe('where the tracker expects a face', () => {
  it('carries a moving face on at its speed, a still one stays, and only up to a second ahead', () => {
    const tracker = new FaceTracker();
    tracker.update({ t: 0, detections: [{ box: box(100), score: 0.9 }, { box: box(400), score: 0.9 }] });
    tracker.update({ t: 0.4, detections: [{ box: box(140), score: 0.9 }, { box: box(400), score: 0.9 }] });
    const [moving, still] = tracker.predictedBoxes(1.2);
    expect(moving!.x).toBeCloseTo(220);
    expect(still!.x).toBeCloseTo(400);
    expect(tracker.predictedBoxes(5)[0]!.x).toBeCloseTo(240);
  });

  it('continues a track whose second detection is already past any overlap, as far as a fast face gets', () => {
    // 80 px faces, detections 0.4 s apart: 120 px on (1.5 sizes) is a fast face; 250 px on is someone else
    const seen = (t: number, x: number): FrameDetections => ({ t, detections: [{ box: box(x), score: 0.9 }] });
    const fast = trackFaces([seen(0, 100), seen(0.4, 220), seen(0.8, 340)], { minTrack: 1 });
    expect(fast).toHaveLength(1);
    const jump = trackFaces([seen(0, 100), seen(0.4, 350)], { minTrack: 1 });
    expect(jump).toHaveLength(2);
    // however long it was not seen, two sizes is as far as it reaches
    const late = trackFaces([seen(0, 100), { t: 1.6, detections: [{ box: box(300), score: 0.9 }] }], { minTrack: 1 });
    expect(late).toHaveLength(2);
  });

  it('keeps a face that moved more than its width since its last detection in one track', () => {
    // 80 px faces at 250 px/s, not looked at for two frames: 150 px from the last box, where its motion leads
    const seen = (t: number, x: number): FrameDetections => ({ t, detections: [{ box: box(x), score: 0.9 }] });
    const tracks = trackFaces([
      seen(0, 100), seen(0.2, 150),
      { t: 0.4, detections: [], skipped: true }, { t: 0.6, detections: [], skipped: true },
      seen(0.8, 300), seen(1.0, 350),
    ]);
    expect(tracks).toHaveLength(1);
    expect(tracks[0]!.samples.map((s) => s.t)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1.0]);
  });
});

describe('trackFaces', () => {
  it('follows one moving face as one track', () => {
    const tracks = trackFaces(frames(20, (i) => [{ box: box(100 + i * 10), score: 0.9 }]));
    expect(tracks).toHaveLength(1);
    expect(tracks[0]!.samples).toHaveLength(20);
  });

  it('bridges single missed frames and marks the bridged samples', () => {
    const tracks = trackFaces(frames(12, (i) => (i % 4 === 2 ? [] : [{ box: box(200 + i * 5), score: 0.9 }])));
    expect(tracks).toHaveLength(1);
    const bridged = tracks[0]!.samples.filter((s) => s.bridged);
    expect(bridged.map((s) => s.t)).toEqual([0.4, 1.2, 2.0]);
    // interpolated between the neighbours' boxes
    expect(bridged[0]!.box.x).toBeCloseTo(210, 5);
  });

  it('ends a track after more than maxMissed frames without a detection', () => {
    const present = (i: number): boolean => i < 5 || i >= 5 + 11;
    const tracks = trackFaces(frames(25, (i) => (present(i) ? [{ box: box(300), score: 0.9 }] : [])), { maxMissed: 10 });
    expect(tracks).toHaveLength(2);
    const kept = trackFaces(frames(25, (i) => (i < 5 || i >= 15 ? [{ box: box(300), score: 0.9 }] : [])), { maxMissed: 10 });
    expect(kept).toHaveLength(1);
    expect(kept[0]!.samples).toHaveLength(25);
  });

  it('drops tracks shorter than minTrack as noise', () => {
    const blips = frames(10, (i) => (i === 3 || i === 4 ? [{ box: box(500), score: 0.6 }] : []));
    expect(trackFaces(blips, { minTrack: 3 })).toHaveLength(0);
    expect(trackFaces(blips, { minTrack: 2 })).toHaveLength(1);
  });

  it('interpolates over skipped frames without counting them as missed, up to a cut', () => {
    const input = frames(12, (i) => [{ box: box(100 + i * 10), score: 0.9 }], [9]).map((f, i) =>
      i % 2 === 1 && !f.cut ? { ...f, detections: [], skipped: true } : f,
    );
    const tracks = trackFaces(input, { maxMissed: 0, minTrack: 1 });
    expect(tracks).toHaveLength(2);
    // frames 0-8 before the cut: 0, 2, 4, 6, 8 detected, 1, 3, 5, 7 bridged between them
    expect(tracks[0]!.samples.map((s) => s.t)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1, 1.2, 1.4, 1.6]);
    expect(tracks[0]!.samples[1]!.box.x).toBeCloseTo(110, 5);
    // the cut frame 9 is looked at; frame 11 skipped before the end still shows the face
    expect(tracks[1]!.samples.map((s) => [s.t, s.bridged === true])).toEqual([[1.8, false], [2, false], [2.2, true]]);
  });

  it('ends every track at a shot cut, even with a face at the same place', () => {
    const tracks = trackFaces(frames(10, () => [{ box: box(300), score: 0.9 }], [5]));
    expect(tracks.map((t) => t.samples.length)).toEqual([5, 5]);
  });

  it('keeps two faces apart as two tracks', () => {
    const tracks = trackFaces(frames(10, (i) => [{ box: box(100 + i * 4), score: 0.9 }, { box: box(400 - i * 4), score: 0.8 }]));
    expect(tracks).toHaveLength(2);
    expect(tracks.every((t) => t.samples.length === 10)).toBe(true);
    expect(tracks.find((t) => t.samples[0]!.box.x === 100)!.samples[9]!.box.x).toBe(136);
  });

  it('refuses to continue a track with a face whose descriptor is too far', () => {
    const a = descriptor(1);
    const b = descriptor(2);
    const input = frames(8, (i) => [{ box: box(300), score: 0.9, descriptor: i < 4 ? a : b }]);
    expect(trackFaces(input, { matchThreshold: 0.55 })).toHaveLength(2);
    const same = frames(8, () => [{ box: box(300), score: 0.9, descriptor: a }]);
    expect(trackFaces(same, { matchThreshold: 0.55 })).toHaveLength(1);
  });

  it('reports which detections started tracks and accepts descriptors computed later', () => {
    const tracker = new FaceTracker();
    const first = tracker.update({ t: 0, detections: [{ box: box(10), score: 0.9 }] });
    expect(first).toEqual([{ trackId: 't1', detectionIndex: 0, started: true }]);
    const second = tracker.update({ t: 0.2, detections: [{ box: box(12), score: 0.9 }] });
    expect(second[0]!.started).toBe(false);
    tracker.update({ t: 0.4, detections: [{ box: box(14), score: 0.9 }] });
    tracker.addDescriptor('t1', { descriptor: descriptor(3), quality: 5, t: 0.2 });
    tracker.addDescriptor('t1', { descriptor: descriptor(4), quality: 9, t: 0.4 });
    const [track] = tracker.finish();
    expect(track!.descriptors.map((d) => d.quality)).toEqual([9, 5]);
  });
});

describe('a face taken up away from where the track lost it', () => {
  it('is flagged as a jump (worth a look), a face moving on is not', () => {
    const tracker = new FaceTracker();
    tracker.update({ t: 0, detections: [{ box: box(300), score: 0.9 }] });
    expect(tracker.update({ t: 0.2, detections: [{ box: box(310), score: 0.9 }] })[0]!.jumped).toBeUndefined();
    tracker.update({ t: 0.4, detections: [] });
    tracker.update({ t: 0.6, detections: [] });
    const [taken] = tracker.update({ t: 0.8, detections: [{ box: box(420), score: 0.9 }] });
    expect(taken).toMatchObject({ started: false, jumped: true });
  });
});

describe('splitChangedTracks', () => {
  const sample = (t: number) => ({ t, box: box(300), score: 0.9 });
  const track = (looks: Array<[number, number]>) => ({
    id: 't1',
    samples: Array.from({ length: 20 }, (_, i) => sample(i / FPS)),
    descriptors: looks.map(([t, seed]) => ({ t, descriptor: descriptor(seed), quality: 1, frontal: 0.9 })),
  });

  it('splits a track where a clear look shows someone else', () => {
    const pieces = splitChangedTracks([track([[0, 1], [1, 1], [3, 2]])], 0.7);
    expect(pieces.map((p) => [p.id, p.samples[0]!.t, p.samples.length])).toEqual([['t1.1', 0, 10], ['t1.2', 2, 10]]);
  });

  it('splits a track that jumped to another face right after its last detection before the jump', () => {
    // the face at x=300 is lost at 2.2 s; from 3.0 s the track goes on with a face at x=700 (a slide brought someone in)
    const jumped = track([[0, 1], [3.2, 2]]);
    jumped.samples = jumped.samples.map((s) => (s.t >= 3 ? { ...s, box: box(700) } : s.t > 2.2 ? { ...s, bridged: true } : s));
    const pieces = splitChangedTracks([jumped], 0.7);
    expect(pieces.map((p) => [p.id, p.samples.filter((s) => !s.bridged).at(-1)!.t, p.samples.find((s) => !s.bridged)!.t])).toEqual([
      ['t1.1', 2.2, 0],
      ['t1.2', 3.8, 3],
    ]);
  });

  it('keeps a track whose looks agree, and ignores turned-away looks', () => {
    expect(splitChangedTracks([track([[0, 1], [3, 1]])], 0.7)).toHaveLength(1);
    const turned = track([[0, 1], [3, 2]]);
    turned.descriptors[1]!.frontal = 0.3;
    expect(splitChangedTracks([turned], 0.7)).toHaveLength(1);
  });
});
