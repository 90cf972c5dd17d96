/**
 * The user's changes to a project's moments, as pure functions of the app state: in/out and
 * toggles of found moments, moments added by hand, splits and deletions, each one refused when it
 * would make two moments overlap, and an undo / redo history of them. The handlers run these
 * under the project's state lock (updateAppState), so concurrent edits all land.
 */
import { KirinukiError } from '../errors.js';
import type { AddedMoment, AppState, MomentEdit, MomentSnapshot } from './app-state.js';

/** The shortest moment an edit may leave. */
export const MIN_MOMENT_S = 0.5;
/** How many changes undo can go back. */
export const HISTORY_LIMIT = 100;

/** A found moment's window (project.json), the base every edit applies to. */
export interface FoundWindow {
  rank: number;
  start: number;
  end: number;
}

/** A moment as it stands after the edits: found or added by hand, never a deleted one. */
export interface LiveWindow {
  rank: number;
  start: number;
  end: number;
  enabled: boolean;
  added: boolean;
}

export type MomentChange =
  | { kind: 'edit'; rank: number; start?: number; end?: number; enabled?: boolean; reset?: boolean; merge?: boolean }
  | { kind: 'add'; start: number; end: number; merge?: boolean }
  | { kind: 'split'; rank: number; at: number }
  | { kind: 'delete'; rank: number };

const EPSILON = 1e-6;
const showTime = (t: number) => {
  const m = Math.floor(t / 60);
  const s = t - m * 60;
  return `${m}:${s.toFixed(1).padStart(4, '0')}`;
};

/** Every moment that stands: found ones with their edits (not deleted), then those added by hand. */
export function liveWindows(found: readonly FoundWindow[], state: AppState): LiveWindow[] {
  const edits = state.momentEdits ?? {};
  const live: LiveWindow[] = [];
  for (const moment of found) {
    const edit = edits[String(moment.rank)];
    if (edit?.deleted) continue;
    live.push({ rank: moment.rank, start: edit?.start ?? moment.start, end: edit?.end ?? moment.end, enabled: edit?.enabled ?? true, added: false });
  }
  for (const added of state.addedMoments ?? []) {
    live.push({ rank: added.rank, start: added.start, end: added.end, enabled: added.enabled ?? true, added: true });
  }
  return live;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end - EPSILON && a.end > b.start + EPSILON;

/** Refuses a window that overlaps a moment it did not overlap before (found moments may already touch). */
function refuseOverlap(live: LiveWindow[], window: { start: number; end: number }, rank: number | null, before: { start: number; end: number } | null): void {
  const hit = live.find((other) => other.rank !== rank && overlaps(window, other) && !(before && overlaps(before, other)));
  if (hit) {
    const who = rank === null ? 'The new moment' : `Moment #${rank}`;
    throw new KirinukiError(
      'MOMENTS_OVERLAP',
      `${who} would overlap moment #${hit.rank} (${showTime(hit.start)}–${showTime(hit.end)}): shorten or move one of them, or merge them.`,
    );
  }
}

/**
 * A merge: the window grows to cover every moment it overlaps (and those the grown window then
 * overlaps), which are returned to be deleted. Moments it already overlapped before stay apart.
 */
function absorbOverlaps(
  live: LiveWindow[],
  window: { start: number; end: number },
  rank: number | null,
  before: { start: number; end: number } | null,
): { start: number; end: number; absorbed: LiveWindow[] } {
  let grown = { ...window };
  const absorbed: LiveWindow[] = [];
  for (;;) {
    const hit = live.find((other) => other.rank !== rank && !absorbed.includes(other) && overlaps(grown, other) && !(before && overlaps(before, other)));
    if (!hit) return { ...grown, absorbed };
    absorbed.push(hit);
    grown = { start: Math.min(grown.start, hit.start), end: Math.max(grown.end, hit.end) };
  }
}

function refuseShort(start: number, end: number, who: string): void {
  if (end - start < MIN_MOMENT_S - EPSILON) {
    throw new KirinukiError('INVALID_ARGUMENT', `${who} must be at least ${MIN_MOMENT_S} s long.`);
  }
}

function snapshot(state: AppState): MomentSnapshot {
  return { momentEdits: state.momentEdits ?? {}, addedMoments: state.addedMoments ?? [] };
}

/** The rank a moment added by hand gets: above every found and added one. */
function nextRank(found: readonly FoundWindow[], state: AppState): number {
  return Math.max(0, ...found.map((m) => m.rank), ...(state.addedMoments ?? []).map((m) => m.rank), state.lastAddedRank ?? 0) + 1;
}

/**
 * The state after one change, with the state before it on the undo stack (the redo stack
 * cleared). Throws INVALID_ARGUMENT for a moment that does not exist or one shorter than
 * MIN_MOMENT_S, and MOMENTS_OVERLAP for one that would overlap another unless `merge` asks to
 * join them: the moment then covers the ones it overlaps, which are deleted (one undo step).
 */
export function applyMomentChange(state: AppState, found: readonly FoundWindow[], durationS: number, change: MomentChange): AppState {
  const live = liveWindows(found, state);
  const clamp = (t: number) => Math.max(0, Math.min(t, durationS));
  const edits: Record<string, MomentEdit> = { ...(state.momentEdits ?? {}) };
  let added: AddedMoment[] = [...(state.addedMoments ?? [])];
  let lastAddedRank = state.lastAddedRank;
  const existing = (rank: number): LiveWindow => {
    const moment = live.find((m) => m.rank === rank);
    if (!moment) throw new KirinukiError('INVALID_ARGUMENT', `Moment #${rank} does not exist (it may have been deleted).`);
    return moment;
  };
  /** Sets a standing moment's window fields and toggle, in its edit (found) or its entry (added by hand). */
  const put = (rank: number, fields: { start?: number; end?: number; enabled?: boolean }, reset = false) => {
    const addedAt = added.findIndex((m) => m.rank === rank);
    if (addedAt >= 0) {
      const was = added[addedAt]!;
      const enabled = fields.enabled ?? was.enabled ?? true;
      added[addedAt] = { rank, start: fields.start ?? was.start, end: fields.end ?? was.end, ...(enabled ? {} : { enabled: false }) };
      return;
    }
    const edit: MomentEdit = reset ? {} : { ...(edits[String(rank)] ?? {}) };
    for (const key of ['start', 'end', 'enabled'] as const) if (fields[key] !== undefined) Object.assign(edit, { [key]: fields[key] });
    edits[String(rank)] = edit;
  };
  const remove = (moment: LiveWindow) => {
    if (moment.added) added = added.filter((m) => m.rank !== moment.rank);
    else edits[String(moment.rank)] = { ...(edits[String(moment.rank)] ?? {}), deleted: true };
  };

  switch (change.kind) {
    case 'edit': {
      const moment = existing(change.rank);
      const base = found.find((m) => m.rank === change.rank);
      const from = change.reset && base ? { start: base.start, end: base.end, enabled: true } : moment;
      const start = change.start !== undefined ? clamp(change.start) : from.start;
      const end = change.end !== undefined ? clamp(change.end) : from.end;
      refuseShort(start, end, `Moment #${change.rank}`);
      const moved = start !== moment.start || end !== moment.end;
      if (moved && change.merge) {
        const merged = absorbOverlaps(live, { start, end }, change.rank, moment);
        for (const other of merged.absorbed) remove(other);
        const grew = merged.start !== start || merged.end !== end;
        put(change.rank, { start: grew || change.start !== undefined ? merged.start : undefined, end: grew || change.end !== undefined ? merged.end : undefined, enabled: change.enabled }, change.reset);
        break;
      }
      if (moved) refuseOverlap(live, { start, end }, change.rank, moment);
      put(change.rank, { start: change.start !== undefined ? start : undefined, end: change.end !== undefined ? end : undefined, enabled: change.enabled }, change.reset);
      break;
    }
    case 'add': {
      const start = clamp(Math.min(change.start, change.end));
      const end = clamp(Math.max(change.start, change.end));
      refuseShort(start, end, 'A moment');
      if (!change.merge) refuseOverlap(live, { start, end }, null, null);
      const merged = change.merge ? absorbOverlaps(live, { start, end }, null, null) : { start, end, absorbed: [] };
      for (const other of merged.absorbed) remove(other);
      const rank = nextRank(found, state);
      added.push({ rank, start: merged.start, end: merged.end });
      lastAddedRank = rank;
      break;
    }
    case 'split': {
      const moment = existing(change.rank);
      const at = clamp(change.at);
      if (at - moment.start < MIN_MOMENT_S - EPSILON || moment.end - at < MIN_MOMENT_S - EPSILON) {
        throw new KirinukiError(
          'INVALID_ARGUMENT',
          `Split moment #${change.rank} at least ${MIN_MOMENT_S} s inside it (${showTime(moment.start)}–${showTime(moment.end)}): put the playhead there first.`,
        );
      }
      put(change.rank, { end: at });
      const rank = nextRank(found, state);
      added.push({ rank, start: at, end: moment.end, ...(moment.enabled ? {} : { enabled: false }) });
      lastAddedRank = rank;
      break;
    }
    case 'delete': {
      remove(existing(change.rank));
      break;
    }
  }
  const undo = [...(state.momentHistory?.undo ?? []), snapshot(state)].slice(-HISTORY_LIMIT);
  return { ...state, momentEdits: edits, addedMoments: added, lastAddedRank, momentHistory: { undo, redo: [] } };
}

/** Steps back (undo) or forward (redo) one change; refuses when there is none. */
export function stepMomentHistory(state: AppState, direction: 'undo' | 'redo'): AppState {
  const history = { undo: state.momentHistory?.undo ?? [], redo: state.momentHistory?.redo ?? [] };
  const from = direction === 'undo' ? history.undo : history.redo;
  const target = from.at(-1);
  if (!target) throw new KirinukiError('INVALID_ARGUMENT', `There is no moment edit to ${direction}.`);
  const rest = from.slice(0, -1);
  const other = [...(direction === 'undo' ? history.redo : history.undo), snapshot(state)].slice(-HISTORY_LIMIT);
  return {
    ...state,
    momentEdits: target.momentEdits,
    addedMoments: target.addedMoments,
    momentHistory: direction === 'undo' ? { undo: rest, redo: other } : { undo: other, redo: rest },
  };
}
