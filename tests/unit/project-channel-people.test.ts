import { describe, expect, it } from 'vitest';
import {
  descriptorDistance,
  matchPeople,
  renamePerson,
  type ChannelPeople,
} from '../../core/project/channel-people.js';

/** A 128-d unit-ish descriptor pointing mostly along `axis`, nudged by `noise`. */
function descriptor(axis: number, noise = 0): number[] {
  return Array.from({ length: 128 }, (_, i) => (i === axis ? 0.9 : 0) + (i === (axis + 1) % 128 ? noise : 0));
}

const empty: ChannelPeople = { schemaVersion: 1, people: [] };

describe('matchPeople', () => {
  it('registers new people, then recognises them in the next video and carries their names', () => {
    const first = matchPeople(empty, 'video000001', [
      { id: 'face-1', totalS: 12, descriptor: descriptor(0), name: 'Member A' },
      { id: 'face-2', totalS: 16, descriptor: descriptor(5) },
    ]);
    expect(first.matches.map((m) => [m.personId, m.isNew])).toEqual([['P1', true], ['P2', true]]);
    const named = renamePerson(first.registry, 'P2', 'Member B');
    // different identity ids and order in the next video; small descriptor changes
    const second = matchPeople(named, 'video000002', [
      { id: 'face-1', totalS: 4, descriptor: descriptor(5, 0.2) },
      { id: 'face-2', totalS: 9, descriptor: descriptor(0, 0.3) },
      { id: 'face-3', totalS: 2, descriptor: descriptor(40) },
    ]);
    expect(second.matches).toEqual([
      { identityId: 'face-1', personId: 'P2', name: 'Member B', isNew: false },
      { identityId: 'face-2', personId: 'P1', name: 'Member A', isNew: false },
      { identityId: 'face-3', personId: 'P3', isNew: true, name: undefined },
    ]);
    const a = second.registry.people.find((p) => p.id === 'P1');
    expect(a?.videos).toEqual({ video000001: { identityId: 'face-1', totalS: 12 }, video000002: { identityId: 'face-2', totalS: 9 } });
  });

  it('never gives two identities of one video the same person, and re-matching a video replaces it', () => {
    const { registry } = matchPeople(empty, 'video000001', [{ id: 'face-1', totalS: 5, descriptor: descriptor(0) }]);
    const twins = matchPeople(registry, 'video000002', [
      { id: 'face-1', totalS: 5, descriptor: descriptor(0, 0.1) },
      { id: 'face-2', totalS: 5, descriptor: descriptor(0, 0.2) },
    ]);
    expect(new Set(twins.matches.map((m) => m.personId)).size).toBe(2);
    expect(twins.matches[0]?.personId).toBe('P1');
    const again = matchPeople(twins.registry, 'video000002', [{ id: 'face-9', totalS: 7, descriptor: descriptor(0, 0.1) }]);
    const person = again.registry.people.find((p) => p.id === 'P1');
    expect(person?.videos.video000002).toEqual({ identityId: 'face-9', totalS: 7 });
    expect(again.registry.people.find((p) => p.id === 'P2')?.videos.video000002).toBeUndefined();
  });

  it('ignores identities without a descriptor and rejects renaming an unknown person', () => {
    const result = matchPeople(empty, 'video000001', [{ id: 'face-1', totalS: 5 }]);
    expect(result.matches).toEqual([]);
    expect(() => renamePerson(result.registry, 'P7', 'X')).toThrow(/P7/);
  });

  it('measures euclidean distance', () => {
    expect(descriptorDistance([0, 0], [3, 4])).toBe(5);
    expect(descriptorDistance([0], [1, 2])).toBe(Number.POSITIVE_INFINITY);
  });
});
