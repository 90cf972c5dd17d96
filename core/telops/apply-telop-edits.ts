import type { TelopEdit } from './telop.js';
import type { TelopDraft } from './telop-draft.js';

/** An edit names its cue by the cue's original start, within this (the readers round to ms). */
export const CUE_START_TOLERANCE_S = 0.05;

export function editForCue(edits: readonly TelopEdit[], cueStart: number): TelopEdit | undefined {
  // 1e-9: 3.6 - 3.55 is 0.0500000000000003 in binary
  return edits.find((edit) => Math.abs(edit.cueStart - cueStart) <= CUE_START_TOLERANCE_S + 1e-9);
}

/**
 * The user's edits on the track's drafts (video seconds): hidden cues go, new text replaces the
 * old (its word timing with it: the edited words were never timed), new in/out points move the
 * cue. Moved cues are put back in order and cut so two never share the screen.
 */
export function applyTelopEdits(drafts: readonly TelopDraft[], edits: readonly TelopEdit[]): TelopDraft[] {
  if (edits.length === 0) return [...drafts];
  const edited = drafts.flatMap((draft) => {
    const edit = editForCue(edits, draft.start);
    return edit ? editedDraft(draft, edit) : [draft];
  });
  return withoutOverlaps(edited.sort((a, b) => a.start - b.start));
}

function editedDraft(draft: TelopDraft, edit: TelopEdit): TelopDraft[] {
  if (edit.hidden) return [];
  const start = edit.start ?? draft.start;
  const end = edit.end ?? draft.end;
  if (edit.text !== undefined) {
    const text = edit.text.trim();
    return text === '' ? [] : [{ start, end, text }];
  }
  const words = draft.words?.map((word) => ({ ...word, t: Math.min(Math.max(word.t, start), end) }));
  return [{ ...draft, start, end, ...(words ? { words } : {}) }];
}

function withoutOverlaps(drafts: TelopDraft[]): TelopDraft[] {
  return drafts
    .map((draft, i) => {
      const next = drafts[i + 1];
      return next && next.start < draft.end ? { ...draft, end: next.start } : draft;
    })
    .filter((draft) => draft.end > draft.start);
}
