import type { CaptionTrack } from './caption-track.js';
import { captionsError, TEXT_SOURCE } from './captions-error.js';
import { draftLine, type CueDraft, type TimedPiece } from './cue-draft.js';
import { finishTrack } from './finish-track.js';

/**
 * A cue whose event gives no duration stays until the next cue; the last one stays this long after
 * its last word (about one short line's reading time).
 */
const LAST_HOLD_S = 2;

interface Json3Event {
  tStartMs?: unknown;
  dDurationMs?: unknown;
  aAppend?: unknown;
  segs?: unknown;
}

interface Json3Seg {
  utf8?: unknown;
  tOffsetMs?: unknown;
}

/** A cue being read: its start and end in ms (end undefined until known) and its pieces in order. */
interface EventCue {
  startMs: number;
  endMs: number | undefined;
  pieces: TimedPiece[];
}

/**
 * YouTube's json3 (yt-dlp `--sub-format json3`): `events[]` with `tStartMs`, `dDurationMs` and
 * `segs[]` of `{utf8, tOffsetMs}`. Events without segs define windows and are skipped; an `aAppend`
 * event adds to the cue before it (usually just its closing "\n"); a "\n" inside segs breaks the
 * line. Each seg is a word (a chunk, in Japanese) timed at tStartMs + tOffsetMs, so a track with
 * any `tOffsetMs` is word-timed. Absent numbers are 0, as the format's protobuf origin writes them;
 * present but not a number is an error. Overlapping events (auto-captions show the previous line
 * while the next one starts) end at the next cue's start. `source` names the file in errors.
 */
export function parseJson3(text: string, source = TEXT_SOURCE): CaptionTrack {
  const events = json3Events(text, source);
  const wordTimed = events.some((event) => segsOf(event).some((seg) => seg.tOffsetMs !== undefined));
  const cues: EventCue[] = [];
  events.forEach((event, i) => {
    if (!Array.isArray(event.segs)) return;
    const startMs = msField(event.tStartMs, `event ${i + 1}`, source) ?? 0;
    const durationMs = msField(event.dDurationMs, `event ${i + 1}`, source);
    const pieces = segsOf(event).map((seg) => ({ t: (startMs + (msField(seg.tOffsetMs, `event ${i + 1}`, source) ?? 0)) / 1000, text: seg.utf8 }));
    const endMs = durationMs === undefined ? undefined : startMs + durationMs;
    const previous = cues.at(-1);
    if (event.aAppend && previous) appendTo(previous, pieces, endMs);
    else cues.push({ startMs, endMs, pieces });
  });
  return finishTrack(withEnds(cues).map((cue) => toDraft(cue, wordTimed)));
}

function json3Events(text: string, source: string): Json3Event[] {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw captionsError(source, 'is empty');
  let root: unknown;
  try {
    root = JSON.parse(body);
  } catch {
    // The SyntaxError's message quotes the text; the file is named instead.
    throw captionsError(source, 'is not JSON, so it is not a json3 subtitle file', 'download the subtitles again with yt-dlp --sub-format json3');
  }
  const events = (root as { events?: unknown } | null)?.events;
  if (!Array.isArray(events)) throw captionsError(source, 'has no "events" list, so it is not a json3 subtitle file', 'download the subtitles again with yt-dlp --sub-format json3');
  return events.filter((event): event is Json3Event => typeof event === 'object' && event !== null);
}

function segsOf(event: Json3Event): { utf8: string; tOffsetMs?: unknown }[] {
  if (!Array.isArray(event.segs)) return [];
  return (event.segs as unknown[])
    .filter((seg): seg is Json3Seg => typeof seg === 'object' && seg !== null)
    .map((seg) => ({ utf8: typeof seg.utf8 === 'string' ? seg.utf8 : '', tOffsetMs: seg.tOffsetMs }));
}

/** A time field in ms: undefined when absent, an error when present but not a finite number ≥ 0. */
function msField(value: unknown, where: string, source: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  throw captionsError(source, `has a malformed time in ${where}`, 'download the subtitles again with yt-dlp --sub-format json3');
}

/** Appended text continues the cue (and keeps it up while it shows); a bare "\n" changes nothing else. */
function appendTo(cue: EventCue, pieces: TimedPiece[], endMs: number | undefined): void {
  cue.pieces = cue.pieces.concat(pieces);
  const visible = pieces.some((piece) => piece.text.trim() !== '');
  if (visible && endMs !== undefined) cue.endMs = Math.max(cue.endMs ?? endMs, endMs);
}

/** Cues without a duration end at the next cue's start, the last one LAST_HOLD_S after its last word. */
function withEnds(cues: readonly EventCue[]): { start: number; end: number; pieces: TimedPiece[] }[] {
  return cues.map((cue, i) => {
    const lastWord = cue.pieces.reduce((latest, piece) => Math.max(latest, piece.t), cue.startMs / 1000);
    const fallback = cues[i + 1] === undefined ? lastWord + LAST_HOLD_S : (cues[i + 1]?.startMs ?? 0) / 1000;
    return { start: cue.startMs / 1000, end: cue.endMs === undefined ? fallback : cue.endMs / 1000, pieces: cue.pieces };
  });
}

/** Pieces split into lines at each "\n" (a piece's text on both sides keeps the piece's time). */
function toDraft(cue: { start: number; end: number; pieces: TimedPiece[] }, timed: boolean): CueDraft {
  const lines: TimedPiece[][] = [[]];
  for (const piece of cue.pieces) {
    piece.text.split('\n').forEach((part, k) => {
      if (k > 0) lines.push([]);
      lines.at(-1)?.push({ t: piece.t, text: part });
    });
  }
  return { start: cue.start, end: cue.end, lines: lines.map((pieces) => draftLine(pieces, timed)) };
}
