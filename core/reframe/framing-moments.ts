/**
 * The user's framing overrides moved with their moments when the moments change: each override
 * keeps the window of the moment it was made for (core/reframe/framing.ts), and these pure
 * functions bring it along when that moment is edited, renumbered or found again.
 */
import { entryFits, sameMoment, type FramingEntry, type FramingFile, type MomentWindow } from './framing.js';

const stamped = (entry: FramingEntry, moment: MomentWindow): FramingEntry => ({ ...entry, window: { start: moment.start, end: moment.end } });

/**
 * After the user edited the moments (in/out, split, delete, merge): an override whose moment still
 * has its rank and is still the same moment takes its new window, so the next edit is measured from
 * there. One whose moment is gone stays as it is (undo may bring the moment back).
 */
export function restampFraming(file: FramingFile, moments: readonly MomentWindow[]): FramingFile {
  const next: FramingFile['moments'] = {};
  for (const [rank, entry] of Object.entries(file.moments)) {
    const moment = moments.find((m) => String(m.rank) === rank);
    next[rank] = moment && entryFits(entry, moment) ? stamped(entry, moment) : entry;
  }
  return { ...file, moments: next };
}

/**
 * After the moments were found again (comments loaded again) and the hand-added ones renumbered:
 * each override goes to the moment that now covers the time it was made for, the one most like it
 * (its own rank when two are alike), and takes that moment's rank and window; one no moment covers
 * any more is dropped. An override of a version 1 file (no window) was made for the moment that had
 * its rank `before`.
 */
export function followFraming(file: FramingFile, before: readonly MomentWindow[], after: readonly MomentWindow[]): FramingFile {
  const pairs: { rank: string; entry: FramingEntry; moment: MomentWindow; score: number; own: boolean }[] = [];
  for (const [rank, entry] of Object.entries(file.moments)) {
    const made = entry.window ?? before.find((m) => String(m.rank) === rank);
    if (!made) continue;
    for (const moment of after) {
      if (sameMoment(made, moment)) pairs.push({ rank, entry, moment, score: closeness(made, moment), own: String(moment.rank) === rank });
    }
  }
  pairs.sort((a, b) => b.score - a.score || Number(b.own) - Number(a.own));
  const next: FramingFile['moments'] = {};
  const placed = new Set<string>();
  for (const { rank, entry, moment } of pairs) {
    if (placed.has(rank) || next[String(moment.rank)]) continue;
    next[String(moment.rank)] = stamped(entry, moment);
    placed.add(rank);
  }
  return { ...file, moments: next };
}

/** How alike two windows are: the time they share over the time either covers (1 the same window). */
function closeness(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const shared = Math.min(a.end, b.end) - Math.max(a.start, b.start);
  return shared / (Math.max(a.end, b.end) - Math.min(a.start, b.start));
}
