import { describe, expect, it } from 'vitest';
import { clusterIdentities } from '../../core/faces/cluster-identities.js';
import { applyPeopleEdits, hideIdentity, mergeIdentity, renameIdentity, type PeopleEdits } from '../../core/faces/people-edits.js';
import { planFrameJobs } from '../../core/faces/plan-frame-jobs.js';
import { normaliseFaceSettings } from '../../core/faces/face-options.js';
import type { TrackedFace } from '../../core/faces/track-faces.js';

const FRAME = 0.2;
const person = (seed: number, jitter = 0): number[] =>
  Array.from({ length: 128 }, (_, i) => Math.sin(seed * 13.7 + i) * 0.08 + Math.cos(jitter * 3.1 + i * 1.7) * 0.004);

function track(id: string, from: number, to: number, seed: number): TrackedFace {
  const samples = [];
  for (let t = from; t <= to + 1e-9; t += FRAME) samples.push({ t: Math.round(t * 100) / 100, box: { x: 0, y: 0, w: 50, h: 50 }, score: 0.9 });
  return { id, samples, descriptors: [{ descriptor: person(seed, from), quality: 1, t: from }] };
}

const options = { matchThreshold: 0.55, bridgeGapS: 1, frameS: FRAME };

describe('clusterIdentities', () => {
  it('recognises a person who leaves and comes back as one identity', () => {
    const identities = clusterIdentities([track('t1', 0, 7.8, 1), track('t2', 8, 14.8, 2), track('t3', 22, 25.8, 1)], options);
    expect(identities.map((i) => i.trackIds)).toEqual([['t1', 't3'], ['t2']]);
    expect(identities[0]!.appearances).toEqual([[0, 7.9], [21.9, 25.9]]);
    expect(identities[0]!.totalS).toBeCloseTo(11.9, 5);
  });

  it('never merges two faces that are on screen together', () => {
    // the same descriptor on both, but they overlap in time: they must stay two people
    const identities = clusterIdentities([track('t1', 0, 4, 5), track('t2', 2, 6, 5)], options);
    expect(identities).toHaveLength(2);
  });

  it('bridges gaps shorter than a second in one identity', () => {
    const identities = clusterIdentities([track('t1', 0, 3, 1), track('t2', 3.6, 6, 1)], options);
    expect(identities).toHaveLength(1);
    expect(identities[0]!.appearances).toEqual([[0, 6.1]]);
  });

  it('leaves tracks without a descriptor out of the identities', () => {
    const anonymous = { ...track('t9', 0, 2, 1), descriptors: [] };
    expect(clusterIdentities([anonymous], options)).toEqual([]);
  });
});

describe('people edits', () => {
  const identities = [
    { id: 'person-1', appearances: [[0, 8]] as Array<[number, number]>, totalS: 8 },
    { id: 'person-2', appearances: [[8, 15]] as Array<[number, number]>, totalS: 7 },
    { id: 'person-3', appearances: [[22, 26]] as Array<[number, number]>, totalS: 4 },
  ];
  const empty: PeopleEdits = { schemaVersion: 1, identities: {} };

  it('names, hides and merges identities', () => {
    let edits = renameIdentity(empty, 'person-1', ' Alice ');
    edits = mergeIdentity(edits, 'person-3', 'person-1');
    edits = hideIdentity(edits, 'person-2');
    const { identities: out, idMap } = applyPeopleEdits(identities, edits);
    expect(out.map((i) => [i.id, i.name, i.hidden, i.totalS])).toEqual([
      ['person-1', 'Alice', undefined, 12],
      ['person-2', undefined, true, 7],
    ]);
    expect(out[0]!.appearances).toEqual([[0, 8], [22, 26]]);
    expect(idMap.get('person-3')).toBe('person-1');
  });

  it('refuses a merge loop', () => {
    const edits = mergeIdentity(empty, 'person-2', 'person-1');
    expect(() => mergeIdentity(edits, 'person-1', 'person-2')).toThrow(/itself/);
  });
});

describe('planFrameJobs', () => {
  const settings = normaliseFaceSettings();
  const base = { cut: false, width: 640, height: 360, lastFull: 0, lastDiscovery: 0, lastScan: 0 };

  it('runs the SSD discovery pass at a cut only where the tiny passes find nobody, and every discoveryEvery frames', () => {
    const first = planFrameJobs({ ...base, index: 0, cut: true, active: [] }, settings);
    expect(first.discovery).toBe(false);
    expect(first.passes).toEqual([settings.fullPass]);
    expect(first.passesIfEmpty).toEqual([settings.discoveryPass]);
    expect(planFrameJobs({ ...base, index: 1, active: [] }, settings).discovery).toBe(false);
    expect(planFrameJobs({ ...base, index: 1, active: [] }, settings).passesIfEmpty).toBeUndefined();
    expect(planFrameJobs({ ...base, index: settings.discoveryEvery, active: [] }, settings).discovery).toBe(true);
    expect(planFrameJobs({ ...base, index: settings.discoveryEvery, active: [] }, normaliseFaceSettings({ discoveryEvery: 0 })).discovery).toBe(false);
  });

  it('searches only around tracked faces between full passes, and runs a full pass at a cut', () => {
    const active = [{ x: 300, y: 100, w: 100, h: 120 }];
    // a big face is searched for on every other detection frame
    const between = planFrameJobs({ ...base, index: 2 * settings.detectEvery, active }, settings);
    expect(between.passes).toEqual([]);
    expect(between.regions).toHaveLength(1);
    // a face gone from its region is looked for in the whole frame, in the same job
    expect(between.passesIfLost).toEqual([settings.fullPass]);
    expect(planFrameJobs({ ...base, index: settings.fullEvery, active }, settings).passesIfLost).toBeUndefined();
    expect(planFrameJobs({ ...base, index: 1, active }, settings).skip).toBe(true);
    // the finer pass at a cut looks at the whole frame, as a job of its own
    const cut = planFrameJobs({ ...base, index: 1, active, cut: true }, settings);
    expect(cut.passes).toEqual([settings.fullPass]);
    expect(cut.tiles).toEqual([{ x: 0, y: 0, w: base.width, h: base.height }]);
    expect(cut.tilePass).toEqual(settings.cutPass);
    expect(planFrameJobs({ ...base, index: settings.fullEvery, active }, settings).full).toBe(true);
  });

  it('keeps searching around small faces even on full-pass frames', () => {
    const small = [{ x: 500, y: 20, w: 20, h: 22 }];
    const plan = planFrameJobs({ ...base, index: settings.fullEvery, active: small }, settings);
    expect(plan.full).toBe(true);
    expect(plan.regions).toHaveLength(1);
  });

  it('rejects out-of-range settings, naming them', () => {
    expect(() => normaliseFaceSettings({ inputSize: 300 })).toThrow(/inputSize/);
    expect(() => normaliseFaceSettings({ matchThreshold: -1 })).toThrow(/matchThreshold/);
  });
});
