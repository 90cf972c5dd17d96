import type { CaptionTrack } from './caption-track.js';
import { captionsError, TEXT_SOURCE } from './captions-error.js';
import { draftLine, type CueDraft } from './cue-draft.js';
import { dropRollingRepeats } from './drop-rolling-repeats.js';
import { finishTrack } from './finish-track.js';
import { scanCueBlocks, textLines } from './scan-cue-blocks.js';

/** The markup SRT players understand; anything else in angle brackets is text ("a <b" stays). */
const SRT_TAG = /<\/?[ibus]>|<font\s[^>]*>|<\/font>/gi;
/** ASS override blocks some tools leave in SRT (`{\an8}` puts a line at the top). */
const ASS_OVERRIDE = /\{\\[^}]*\}/g;

/**
 * A SubRip file: numbered cues, `00:00:01,000 --> 00:00:02,500`, tags removed (entities are left as
 * written: SRT has none). SRT converted from YouTube's auto-VTT keeps its rolling repeats; they are
 * dropped as in VTT. `source` names the file in errors.
 */
export function parseSrt(text: string, source = TEXT_SOURCE): CaptionTrack {
  const lines = textLines(text);
  if (lines.every((line) => line.trim() === '')) throw captionsError(source, 'is empty');
  const blocks = scanCueBlocks(lines, 0, source, 'join-previous');
  if (blocks.length === 0) throw captionsError(source, 'has no subtitle cues (no "start --> end" lines), so it is not an SRT file');
  const drafts: CueDraft[] = blocks.map((block) => ({
    start: block.start,
    end: block.end,
    lines: block.text.map((raw) => draftLine([{ t: block.start, text: raw.replace(SRT_TAG, '').replace(ASS_OVERRIDE, '') }], false)),
  }));
  return finishTrack(dropRollingRepeats(drafts));
}
