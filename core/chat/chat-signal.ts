import type { ChatLog } from './chat-log.js';
import { chatEvidence, type ChatEvidence } from './chat-evidence.js';
import { estimateChatLag } from './chat-lag.js';
import { findChatBursts } from './find-chat-bursts.js';
import { chatSeries } from './reaction-series.js';

/** A moment the chat points at, in video time (the lag taken off). */
export interface ChatCandidate {
  /** Where the event happened: the second the reactions take off, less the lag. */
  event: number;
  /** A window from a little before the event to where the reactions die down (not yet clamped). */
  start: number;
  end: number;
  /** Fresh reacting chatters above the stream's level at the peak. */
  strength: number;
  z: number;
  evidence: ChatEvidence;
}

/** The chat as a signal: its candidates, strongest first, and a curve for the app's lane. */
export interface ChatSignal {
  lagS: number;
  /** Messages read (deleted ones not counted). */
  messages: number;
  candidates: ChatCandidate[];
  /** Fresh reacting chatters per CURVE_BIN_S of video time. */
  curve: { binS: number; values: number[] };
}

/** The window opens this long before the event, so the clip starts before what viewers react to. */
const LEAD_S = 2;
/** At most this many candidates are kept (a 3-hour chat has more bursts than anyone exports). */
const MAX_CANDIDATES = 60;
export const CURVE_BIN_S = 5;

function curveOf(reactors: Float64Array, lagS: number, durationS: number): ChatSignal['curve'] {
  const bins = Math.max(1, Math.ceil(durationS / CURVE_BIN_S));
  const values = new Array<number>(bins).fill(0);
  reactors.forEach((count, second) => {
    const bin = Math.floor((second - lagS) / CURVE_BIN_S);
    if (bin >= 0 && bin < bins) values[bin]! += count;
  });
  return { binS: CURVE_BIN_S, values };
}

/**
 * Moments from a live-chat replay: bursts of reactions by distinct chatters above the stream's
 * own level, shifted back by the chat's lag (estimated where the comments' moments agree).
 */
export function chatSignal(log: ChatLog, durationS: number, commentPeaks: readonly number[] = []): ChatSignal {
  const series = chatSeries(log, durationS);
  const bursts = findChatBursts(series).slice(0, MAX_CANDIDATES);
  const lagS = estimateChatLag(bursts.map((b) => b.onset), commentPeaks);
  const candidates = bursts.map((burst): ChatCandidate => {
    const event = Math.max(0, burst.onset - lagS);
    const start = event - LEAD_S;
    const end = Math.max(burst.fade - lagS + LEAD_S, event + 1);
    return { event, start, end, strength: burst.strength, z: burst.z, evidence: chatEvidence(log, burst.onset, burst.fade + 1, burst.kind) };
  });
  return { lagS, messages: log.count, candidates, curve: curveOf(series.reactors, lagS, durationS) };
}
