import { padToWidth, truncateToWidth } from './display-width.js';
import { formatTimestamp } from './format-timestamp.js';
import { SIGNAL_NAMES, type SignalName } from './signal-names.js';
import type { Moment, MomentsResult } from './types.js';

const HEADERS = ['#', 'window', 'peak', 'mentions', 'score', 'found by', 'top comment or chat'] as const;
const RIGHT_ALIGNED = new Set<number>([0, 3, 4]);
const SHORT_NAMES: Record<SignalName, string> = { comments: 'comments', chat: 'chat', heatmap: 'heat', captions: 'captions' };

/** The signals that found a moment (a moment saved before signals existed came from its comments). */
function foundBy(moment: Moment): string {
  const names = moment.signals ? SIGNAL_NAMES.filter((name) => moment.signals![name] !== undefined) : moment.mentions > 0 ? ['comments' as const] : [];
  return names.map((name) => SHORT_NAMES[name]).join('+');
}

/** The best comment, else the chat's most repeated reaction. */
function topText(moment: Moment): string {
  const top = moment.comments[0];
  if (top) return `${top.text.replace(/\s*\n\s*/g, ' / ')} (${top.likes} likes)`;
  const chat = moment.signals?.chat?.topMessages[0];
  return chat ? `${chat.text} ×${chat.count} (chat, ${moment.signals!.chat!.chatters} chatters)` : '';
}

function cells(moment: Moment): string[] {
  return [
    String(moment.rank),
    `${formatTimestamp(moment.start)}–${formatTimestamp(moment.end)}`,
    formatTimestamp(moment.peak),
    String(moment.mentions),
    moment.score.toFixed(1),
    foundBy(moment),
    topText(moment),
  ];
}

/**
 * The ranked moments as a plain-text table, each row cut to `columns` terminal columns
 * (Japanese text counts two per character).
 */
export function formatMomentsTable(result: MomentsResult, columns = 100): string {
  const { video } = result;
  const title = `${video.title} (${video.id}, ${formatTimestamp(video.durationS)}): ${result.commentsFetched} comments, ${result.mentions} timestamps, ${result.moments.length} moments`;
  if (result.moments.length === 0) return `${title}\nNo viewer signal (comments, chat, heatmap, captions) points at a moment of this video.`;
  const rows = [HEADERS.slice(), ...result.moments.map(cells)];
  const widths = HEADERS.map((_, i) => Math.max(...rows.map((row) => [...row[i]!].length)));
  const lines = rows.map((row) => {
    const fixed = row.slice(0, -1).map((cell, i) => padToWidth(cell, widths[i]!, RIGHT_ALIGNED.has(i) ? 'right' : 'left'));
    return truncateToWidth(`${fixed.join('  ')}  ${row[row.length - 1]}`, columns);
  });
  return [truncateToWidth(title, columns), ...lines].join('\n');
}
