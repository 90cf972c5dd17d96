import { joinDrafts, type TelopDraft } from './telop-draft.js';
import { fitsTelop, type TelopTextLayout } from './telop-text-layout.js';
import { breaksAnywhere } from './wrap-caption.js';

/** Auto-captions cut speech every few words; a cue this short is a fragment of its neighbour's sentence. */
const FRAGMENT_MAX_WORDS = 2;
/** Closer than this, two cues are one breath: a pause a viewer would notice is longer. */
export const FRAGMENT_MAX_GAP_S = 0.3;
/** Japanese has no spaces to count words by: auto-captions time it in chunks of about this many characters. */
const CHARACTERS_PER_CHUNK = 4;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Words as a reader counts them: spaced words, and Japanese in chunks (a manual line timed as one "word" is no fragment). */
function wordCount(text: string): number {
  let spaced = 0;
  let unspaced = 0;
  for (const token of text.split(/\s+/u).filter(Boolean)) {
    const chars = Array.from(graphemes.segment(token), (g) => g.segment);
    if (chars.some(breaksAnywhere)) unspaced += chars.length;
    else spaced += 1;
  }
  return spaced + Math.ceil(unspaced / CHARACTERS_PER_CHUNK);
}

/**
 * Only word-timed cues (auto-captions) are fragments: a cue-only file's lines, and text the user
 * typed, were cut by a person.
 */
const isFragment = (draft: TelopDraft): boolean => !draft.reaction && draft.words !== undefined && wordCount(draft.text) <= FRAGMENT_MAX_WORDS;

/** The gap between two drafts when they may be shown as one telop, else undefined. */
function joinableGap(a: TelopDraft, b: TelopDraft, layout: TelopTextLayout): number | undefined {
  const gap = b.start - a.end;
  if (a.reaction || b.reaction || gap >= FRAGMENT_MAX_GAP_S) return undefined;
  return fitsTelop(joinDrafts(a, b).text, layout) ? gap : undefined;
}

/**
 * Glues each fragment (one or two words) to the neighbour it is closest to, when the gap is under
 * FRAGMENT_MAX_GAP_S and the joined text still fits two lines. Drafts are in time order.
 */
export function mergeFragments(drafts: readonly TelopDraft[], layout: TelopTextLayout): TelopDraft[] {
  const pending = [...drafts];
  const merged: TelopDraft[] = [];
  for (let i = 0; i < pending.length; i += 1) {
    const draft = pending[i]!;
    const previous = merged.at(-1);
    const next = pending[i + 1];
    if (isFragment(draft)) {
      const back = previous ? joinableGap(previous, draft, layout) : undefined;
      const forward = next ? joinableGap(draft, next, layout) : undefined;
      if (back !== undefined && (forward === undefined || back <= forward)) {
        merged[merged.length - 1] = joinDrafts(previous!, draft);
        continue;
      }
      if (forward !== undefined) {
        pending[i + 1] = joinDrafts(draft, next!);
        continue;
      }
    }
    merged.push(draft);
  }
  return merged;
}
