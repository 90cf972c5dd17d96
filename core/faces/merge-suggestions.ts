import { spansOverlap } from './attach-fragments.js';
import { descriptorDistance } from './descriptor-distance.js';

/** "person-5 may be person-2": two people never on screen together whose faces are close. */
export interface MergeSuggestion {
  /** The person who appears later... */
  from: string;
  /** ...may be this earlier one. */
  into: string;
  /** Distance of their mean looks (smaller is surer). */
  distance: number;
}

/**
 * Mean looks closer than this are worth a question; closer than AUTO_MERGE_DISTANCE they were
 * joined without asking (cluster-identities).
 */
export const SUGGEST_DISTANCE = 0.5;

interface Person {
  id: string;
  appearances: Array<[number, number]>;
  descriptor: number[];
}

/**
 * The people the user may want to merge, each with the closest earlier person it may be: never
 * on screen together, mean looks closer than SUGGEST_DISTANCE. `people` are in order of first appearance.
 */
export function mergeSuggestions(people: Person[], frameS: number): MergeSuggestion[] {
  const out: MergeSuggestion[] = [];
  people.forEach((later, index) => {
    let best: MergeSuggestion | undefined;
    for (const earlier of people.slice(0, index)) {
      if (later.descriptor.length === 0 || spansOverlap(later.appearances, earlier.appearances, frameS)) continue;
      const distance = descriptorDistance(later.descriptor, earlier.descriptor);
      if (distance < SUGGEST_DISTANCE && (!best || distance < best.distance)) {
        best = { from: later.id, into: earlier.id, distance: Math.round(distance * 1000) / 1000 };
      }
    }
    if (best) out.push(best);
  });
  return out;
}

/** The suggestions still open after the user's merges (`idMap`: old id to current id), none for a hidden person. */
export function openSuggestions(suggestions: MergeSuggestion[], idMap: Map<string, string>, hidden: Set<string>): MergeSuggestion[] {
  const seen = new Set<string>();
  return suggestions.flatMap((s) => {
    const from = idMap.get(s.from) ?? s.from;
    const into = idMap.get(s.into) ?? s.into;
    const key = [from, into].sort().join(' ');
    if (from === into || hidden.has(from) || hidden.has(into) || seen.has(key)) return [];
    seen.add(key);
    return [{ ...s, from, into }];
  });
}
