import { describe, expect, it } from 'vitest';
import { clusterIdentities } from '../../core/faces/cluster-identities.js';
import { mergeSuggestions, openSuggestions } from '../../core/faces/merge-suggestions.js';
import { isClearLook } from '../../core/faces/clear-look.js';
import type { DescriptorSample, TrackedFace } from '../../core/faces/track-faces.js';
import type { FaceBox } from '../../core/faces/types.js';

const FRAME = 0.2;
const base = (seed: number): number[] => Array.from({ length: 128 }, (_, i) => Math.sin(seed * 13.7 + i) * 0.08);
/** A look `d` away from `seed`'s face along axis `axis` (exact distances). */
const look = (seed: number, d = 0, axis = 0): number[] => base(seed).map((v, i) => (i === axis ? v + d : v));

interface TrackSpec {
  id: string;
  from: number;
  to: number;
  looks: number[][];
  clear?: boolean;
  box?: FaceBox;
  endBox?: FaceBox;
}

const CENTRE: FaceBox = { x: 500, y: 200, w: 200, h: 200 };

function track(spec: TrackSpec): TrackedFace {
  const samples = [];
  const start = spec.box ?? CENTRE;
  const end = spec.endBox ?? start;
  for (let t = spec.from; t <= spec.to + 1e-9; t += FRAME) {
    const f = (t - spec.from) / Math.max(1e-9, spec.to - spec.from);
    const box = { x: start.x + (end.x - start.x) * f, y: start.y, w: start.w, h: start.h };
    samples.push({ t: Math.round(t * 100) / 100, box, score: 0.9 });
  }
  const descriptors: DescriptorSample[] = spec.looks.map((descriptor) => ({ descriptor, quality: 1, t: spec.from, frontal: 0.9, clear: spec.clear ?? true }));
  return { id: spec.id, samples, descriptors };
}

const options = { matchThreshold: 0.55, bridgeGapS: 1, frameS: FRAME };
const owners = (identities: ReturnType<typeof clusterIdentities>): string[][] => identities.map((i) => i.trackIds);

describe('identities founded only by clear looks', () => {
  it('leaves a short edge fragment whose look matches nobody without an identity', () => {
    const identities = clusterIdentities(
      [
        track({ id: 't1', from: 0, to: 6, looks: [look(1)] }),
        track({ id: 't2', from: 6.2, to: 7.4, looks: [look(9)], clear: false, box: { x: 1100, y: 200, w: 200, h: 200 } }),
        track({ id: 't3', from: 7.6, to: 12, looks: [look(2)] }),
      ],
      { ...options, cuts: [[6, 6.2], [7.4, 7.6]] },
    );
    expect(owners(identities)).toEqual([['t1'], ['t3']]);
  });

  it('gives a fragment to the person whose face it continues in the same shot, not across a cut', () => {
    const sliding = { x: 1000, y: 200, w: 200, h: 200 };
    const out = { x: 1150, y: 200, w: 200, h: 200 };
    const tracks = [
      track({ id: 't1', from: 0, to: 5, looks: [look(1)], endBox: sliding }),
      track({ id: 't2', from: 5.6, to: 6.8, looks: [look(9)], clear: false, box: out }),
    ];
    expect(owners(clusterIdentities(tracks, options))).toEqual([['t1', 't2']]);
    expect(owners(clusterIdentities(tracks, { ...options, cuts: [[5.2, 5.4]] }))).toEqual([['t1']]);
    // a fragment that never got a look continues its face too
    const blind = [tracks[0]!, { ...tracks[1]!, descriptors: [] }];
    expect(owners(clusterIdentities(blind, options))).toEqual([['t1', 't2']]);
  });

  it('gives a fragment to the person its look is very close to, never to one on screen at the same time', () => {
    const fragment = track({ id: 't9', from: 20, to: 21, looks: [look(1, 0.4)], clear: false, box: { x: 0, y: 0, w: 100, h: 100 } });
    const alone = clusterIdentities([track({ id: 't1', from: 0, to: 5, looks: [look(1)] }), fragment], options);
    expect(owners(alone)).toEqual([['t1', 't9']]);
    const together = clusterIdentities([track({ id: 't1', from: 18, to: 25, looks: [look(1)] }), fragment], options);
    expect(owners(together)).toEqual([['t1']]);
    const far = clusterIdentities([track({ id: 't1', from: 0, to: 5, looks: [look(1)] }), { ...fragment, descriptors: [{ ...fragment.descriptors[0]!, descriptor: look(1, 0.5) }] }], options);
    expect(owners(far)).toEqual([['t1']]);
  });

  it('lets a long track found a person though no look of it was clear (a close-up cut by the frame)', () => {
    const identities = clusterIdentities([track({ id: 't1', from: 0, to: 6, looks: [look(1)], clear: false, box: { x: 500, y: 500, w: 300, h: 300 } })], options);
    expect(owners(identities)).toEqual([['t1']]);
  });

  it('never puts two tracks on screen at the same time into one person', () => {
    const tracks = [
      track({ id: 't1', from: 0, to: 4, looks: [look(1)] }),
      track({ id: 't2', from: 2, to: 6, looks: [look(1, 0.01)] }),
      track({ id: 't3', from: 3, to: 3.8, looks: [look(1, 0.02)], clear: false, box: { x: 0, y: 0, w: 100, h: 100 } }),
    ];
    const span = new Map(tracks.map((t) => [t.id, [t.samples[0]!.t, t.samples.at(-1)!.t] as const]));
    const identities = clusterIdentities(tracks, options);
    expect(identities).toHaveLength(2);
    for (const identity of identities) {
      const spans = identity.trackIds.map((id) => span.get(id)!);
      spans.forEach(([s1, e1], i) => spans.slice(i + 1).forEach(([s2, e2]) => expect(Math.min(e1, e2) - Math.max(s1, s2)).toBeLessThan(0)));
    }
  });
});

describe('people who may be one person', () => {
  // two looks each, far apart (mean distance over 0.55), around nearly the same mean face
  const spread = (seed: number, axis: number, shift: number, shiftAxis = 5): number[][] => [
    look(seed, 0.45, axis).map((v, i) => (i === shiftAxis ? v + shift : v)),
    look(seed, -0.45, axis).map((v, i) => (i === shiftAxis ? v + shift : v)),
  ];

  it('joins two people never on screen together whose mean looks are very close', () => {
    const identities = clusterIdentities(
      [track({ id: 't1', from: 0, to: 4, looks: spread(1, 1, 0) }), track({ id: 't2', from: 10, to: 14, looks: spread(1, 2, 0.1) })],
      options,
    );
    expect(owners(identities)).toEqual([['t1', 't2']]);
  });

  it('suggests, without merging, two people whose mean looks are close but less so', () => {
    const identities = clusterIdentities(
      [
        track({ id: 't1', from: 0, to: 4, looks: spread(1, 1, 0) }),
        track({ id: 't2', from: 10, to: 14, looks: spread(1, 2, 0.45) }),
        track({ id: 't3', from: 20, to: 24, looks: [look(3)] }),
      ],
      options,
    );
    expect(owners(identities)).toEqual([['t1'], ['t2'], ['t3']]);
    const suggestions = mergeSuggestions(identities, FRAME);
    expect(suggestions).toEqual([{ from: 'person-2', into: 'person-1', distance: expect.closeTo(0.45, 2) }]);
    // merged or hidden by the user: nothing left to ask
    expect(openSuggestions(suggestions, new Map([['person-2', 'person-1']]), new Set())).toEqual([]);
    expect(openSuggestions(suggestions, new Map(), new Set(['person-1']))).toEqual([]);
    expect(openSuggestions(suggestions, new Map([['person-1', 'person-4']]), new Set())).toEqual([{ from: 'person-2', into: 'person-4', distance: suggestions[0]!.distance }]);
  });

  it('suggests nothing for two people seen together', () => {
    const identities = clusterIdentities(
      [track({ id: 't1', from: 0, to: 4, looks: spread(1, 1, 0) }), track({ id: 't2', from: 2, to: 6, looks: spread(1, 2, 0.45) })],
      options,
    );
    expect(mergeSuggestions(identities, FRAME)).toEqual([]);
  });
});

describe('isClearLook', () => {
  const frame = { width: 640, height: 360 };
  it('takes frontal faces wholly inside the frame only', () => {
    expect(isClearLook({ x: 100, y: 100, w: 80, h: 80 }, frame, 0.9)).toBe(true);
    expect(isClearLook({ x: 100, y: 100, w: 80, h: 80 }, frame, 0.3)).toBe(false);
    expect(isClearLook({ x: 580, y: 100, w: 80, h: 80 }, frame, 0.9)).toBe(false);
    expect(isClearLook({ x: 560, y: 100, w: 79, h: 80 }, frame, 0.9)).toBe(false);
    expect(isClearLook({ x: -10, y: 100, w: 80, h: 80 }, frame, 0.9)).toBe(false);
    expect(isClearLook({ x: 100, y: 290, w: 80, h: 80 }, frame, 0.9)).toBe(false);
  });
});
