import type { CaptionTrack } from './caption-track.js';
import { captionsError, TEXT_SOURCE } from './captions-error.js';
import type { CueDraft } from './cue-draft.js';
import { dropRollingRepeats } from './drop-rolling-repeats.js';
import { finishTrack } from './finish-track.js';
import { scanCueBlocks, textLines } from './scan-cue-blocks.js';
import { vttCueLine } from './vtt-cue-line.js';

/** The signature line: `WEBVTT` alone or followed by a space or tab and a title. */
const SIGNATURE = /^WEBVTT(?:[ \t]|$)/;
/** yt-dlp writes the track's language into the header: `Language: ja`. */
const LANGUAGE = /^Language:\s*(\S+)\s*$/i;

/**
 * A WebVTT file, YouTube's auto-VTT included: its `<00:00:01.200>` tags become word times and its
 * rolling repeats are dropped. `source` names the file in errors.
 */
export function parseVtt(text: string, source = TEXT_SOURCE): CaptionTrack {
  const lines = textLines(text);
  if (lines.every((line) => line.trim() === '')) throw captionsError(source, 'is empty');
  if (!SIGNATURE.test(lines[0] ?? '')) throw captionsError(source, 'is not a WebVTT file (it does not start with WEBVTT)');
  const headerEnd = lines.indexOf('');
  const header = headerEnd === -1 ? lines : lines.slice(0, headerEnd);
  const lang = header.map((line) => LANGUAGE.exec(line)?.[1]).find((found) => found !== undefined);
  const blocks = headerEnd === -1 ? [] : scanCueBlocks(lines, headerEnd, source, 'drop');
  const drafts: CueDraft[] = blocks.map((block) => ({
    start: block.start,
    end: block.end,
    lines: block.text.map((raw) => vttCueLine(raw, block.start)),
  }));
  return finishTrack(dropRollingRepeats(drafts), lang);
}
