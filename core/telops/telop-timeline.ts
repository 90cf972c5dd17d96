import type { Telop } from './telop.js';
import { roundMs } from './telop-word-spans.js';

/** What the band shows for a while: nothing, or one telop with some of its words lit or already said. */
export interface TelopState {
  /** Same key, same picture: states are drawn once per key. */
  key: string;
  telop?: Telop;
  /** Indices into `telop.words`. */
  lit: ReadonlySet<number>;
  said: ReadonlySet<number>;
}

export interface TelopStateSpan {
  start: number;
  end: number;
  state: TelopState;
}

const BLANK: TelopState = { key: 'blank', lit: new Set(), said: new Set() };

/**
 * The band's pictures over [0, durationS], back to back: a blank state in the gaps, and for each
 * telop one state per change of its lit word (karaoke: the whole line shows from the start, the
 * word being said in the active colour). Times are rounded to milliseconds, so the durations
 * add up to durationS exactly.
 */
export function telopTimeline(telops: readonly Telop[], durationS: number): TelopStateSpan[] {
  const end = roundMs(durationS);
  const spans: TelopStateSpan[] = [];
  let cursor = 0;
  telops.forEach((telop, index) => {
    const start = Math.max(cursor, roundMs(telop.start));
    const stop = Math.min(end, roundMs(telop.end));
    if (stop <= start) return;
    push(spans, { start: cursor, end: start, state: BLANK });
    for (const span of telopSpans(telop, index, start, stop)) push(spans, span);
    cursor = stop;
  });
  push(spans, { start: cursor, end, state: BLANK });
  return spans;
}

function telopSpans(telop: Telop, index: number, start: number, stop: number): TelopStateSpan[] {
  const words = telop.words ?? [];
  const cuts = new Set([start, stop]);
  for (const word of words) for (const t of [word.start, word.end]) if (t > start && t < stop) cuts.add(roundMs(t));
  const times = [...cuts].sort((a, b) => a - b);
  return times.slice(0, -1).map((from, i) => ({ start: from, end: times[i + 1]!, state: stateAt(telop, index, from) }));
}

function stateAt(telop: Telop, index: number, t: number): TelopState {
  const lit = new Set<number>();
  const said = new Set<number>();
  telop.words?.forEach((word, i) => {
    if (word.start <= t && t < word.end) lit.add(i);
    else if (word.end <= t) said.add(i);
  });
  return { key: `telop${index}-lit${[...lit].join('.')}-said${said.size}`, telop, lit, said };
}

/** Appends a span, joining it to the last one when it shows the same picture; empty spans are dropped. */
function push(spans: TelopStateSpan[], span: TelopStateSpan): void {
  if (span.end <= span.start) return;
  const last = spans.at(-1);
  if (last && last.state.key === span.state.key && last.end === span.start) last.end = span.end;
  else spans.push({ ...span });
}
