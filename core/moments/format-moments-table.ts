import { padToWidth, truncateToWidth } from './display-width.js';
import { formatTimestamp } from './format-timestamp.js';
import type { Moment, MomentsResult } from './types.js';

const HEADERS = ['#', 'window', 'peak', 'mentions', 'score', 'top comment'] as const;
const RIGHT_ALIGNED = new Set<number>([0, 3, 4]);

function cells(moment: Moment): string[] {
  const top = moment.comments[0];
  const comment = top ? `${top.text.replace(/\s*\n\s*/g, ' / ')} (${top.likes} likes)` : '';
  return [
    String(moment.rank),
    `${formatTimestamp(moment.start)}–${formatTimestamp(moment.end)}`,
    formatTimestamp(moment.peak),
    String(moment.mentions),
    moment.score.toFixed(1),
    comment,
  ];
}

/**
 * The ranked moments as a plain-text table, each row cut to `columns` terminal columns
 * (Japanese text counts two per character).
 */
export function formatMomentsTable(result: MomentsResult, columns = 100): string {
  const { video } = result;
  const title = `${video.title} (${video.id}, ${formatTimestamp(video.durationS)}): ${result.commentsFetched} comments, ${result.mentions} timestamps, ${result.moments.length} moments`;
  if (result.moments.length === 0) return `${title}\nNo comment points at a moment of this video.`;
  const rows = [HEADERS.slice(), ...result.moments.map(cells)];
  const widths = HEADERS.map((_, i) => Math.max(...rows.map((row) => [...row[i]!].length)));
  const lines = rows.map((row) => {
    const fixed = row.slice(0, -1).map((cell, i) => padToWidth(cell, widths[i]!, RIGHT_ALIGNED.has(i) ? 'right' : 'left'));
    return truncateToWidth(`${fixed.join('  ')}  ${row[row.length - 1]}`, columns);
  });
  return [truncateToWidth(title, columns), ...lines].join('\n');
}
