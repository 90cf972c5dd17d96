import { median } from '../math/median.js';

/** Viewers type a few seconds after they see: the default when the data cannot say. */
export const DEFAULT_CHAT_LAG_S = 5;
const MIN_LAG_S = 1;
const MAX_LAG_S = 15;
/** A comment peak and a chat peak this close (chat after) are taken to be the same moment. */
const PAIR_WITHIN_S = 20;
const MIN_PAIRS = 2;

/**
 * How long the chat lags the picture, from the moments both signals found: the median of (chat
 * onset − comment peak) over the pairs that agree, bounded; the default with fewer than two.
 */
export function estimateChatLag(chatOnsets: readonly number[], commentPeaks: readonly number[]): number {
  const lags: number[] = [];
  for (const chat of chatOnsets) {
    const nearest = commentPeaks.filter((c) => chat - c >= 0 && chat - c <= PAIR_WITHIN_S).sort((a, b) => b - a)[0];
    if (nearest !== undefined) lags.push(chat - nearest);
  }
  if (lags.length < MIN_PAIRS) return DEFAULT_CHAT_LAG_S;
  return Math.min(MAX_LAG_S, Math.max(MIN_LAG_S, Math.round(median(lags) * 10) / 10));
}
