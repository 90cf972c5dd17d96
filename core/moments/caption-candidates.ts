import type { CaptionTag } from './viewer-signals.js';

/** Tags that mean the audience (or the room) reacted; music or noise tags do not. */
const REACTION_KINDS = new Set(['laugh', 'applause']);
/** Tags this close belong to one reaction. */
const JOIN_S = 8;
/** The window opens this long before the first laugh: people laugh at what came just before. */
const BEFORE_S = 10;
const AFTER_S = 4;

/** A stretch of the captions where reaction tags gather. */
export interface CaptionCandidate {
  start: number;
  end: number;
  /** The first tag's time. */
  peak: number;
  tags: string[];
}

/** Reaction tags of the captions grouped into candidate windows. */
export function captionCandidates(tags: readonly CaptionTag[]): CaptionCandidate[] {
  const reactions = tags.filter((tag) => REACTION_KINDS.has(tag.kind)).sort((a, b) => a.t - b.t);
  const groups: CaptionTag[][] = [];
  for (const tag of reactions) {
    const last = groups[groups.length - 1];
    if (last && tag.t - last[last.length - 1]!.t <= JOIN_S) last.push(tag);
    else groups.push([tag]);
  }
  return groups.map((group) => ({
    start: group[0]!.t - BEFORE_S,
    end: group[group.length - 1]!.t + AFTER_S,
    peak: group[0]!.t,
    tags: group.map((tag) => tag.tag),
  }));
}

/** The tags inside a window. */
export function tagsIn(tags: readonly CaptionTag[], start: number, end: number): string[] {
  return tags.filter((tag) => tag.t >= start && tag.t <= end).map((tag) => tag.tag);
}
