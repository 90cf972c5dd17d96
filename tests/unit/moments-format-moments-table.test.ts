import { describe, expect, it } from 'vitest';
import { displayWidth, truncateToWidth } from '../../core/moments/display-width.js';
import { formatMomentsTable } from '../../core/moments/format-moments-table.js';
import { formatTimestamp } from '../../core/moments/format-timestamp.js';
import type { MomentsResult } from '../../core/moments/types.js';

const RESULT: MomentsResult = {
  video: { id: 'dQ4wT9xYz0A', title: 'コラボ配信', durationS: 3725 },
  commentsFetched: 3,
  mentions: 4,
  moments: [
    {
      rank: 1, start: 297.9, end: 321, peak: 300.9, score: 12.345, mentions: 2,
      comments: [{ id: 'a', text: '5:01~5:21 ずっと笑ってる\nずっとずっとずっとずっとずっと笑ってる', likes: 3100, t: 301 }],
    },
    { rank: 2, start: 3600, end: 3620, peak: 3603, score: 3, mentions: 1, comments: [{ id: 'b', text: '1:00:03', likes: 0, t: 3603 }] },
  ],
};

describe('formatMomentsTable', () => {
  it('writes times as YouTube does', () => {
    expect([0, 59, 61, 600, 3599, 3600, 3723.9].map(formatTimestamp)).toEqual(['0:00', '0:59', '1:01', '10:00', '59:59', '1:00:00', '1:02:03']);
  });

  it('prints one row per moment, cut to the terminal width counting Japanese as two columns', () => {
    const lines = formatMomentsTable(RESULT, 80).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^1\s+4:57–5:21\s+5:00\s+2\s+12\.3\s+comments\s+5:01~5:21 ずっと笑/);
    expect(lines[3]).toMatch(/^2\s+1:00:00–1:00:20\s+1:00:03\s+1\s+3\.0\s+comments\s+1:00:03 \(0 likes\)$/);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(80);
    expect(lines[2]!.endsWith('…')).toBe(true);
  });

  it('says so when nothing was found', () => {
    expect(formatMomentsTable({ ...RESULT, moments: [] })).toContain('No viewer signal (comments, chat, heatmap, captions) points at a moment');
  });

  it('says which signals found each moment, and shows the chat when no comment backs it', () => {
    const chatOnly: MomentsResult['moments'][number] = {
      rank: 1, start: 295, end: 320, peak: 298, score: 1.4, mentions: 0, comments: [],
      signals: { chat: { messages: 420, chatters: 380, reactions: 300, kind: 'laugh', topMessages: [{ text: '草', count: 91 }] }, heatmap: { peak: 0.9 } },
    };
    const lines = formatMomentsTable({ ...RESULT, moments: [chatOnly] }, 120).split('\n');
    expect(lines[2]).toMatch(/^1\s+4:55–5:20\s+4:58\s+0\s+1\.4\s+chat\+heat\s+草 ×91 \(chat, 380 chatters\)$/);
  });

  it('truncates by display width', () => {
    expect(truncateToWidth('ずっと笑ってる', 7)).toBe('ずっと…');
    expect(truncateToWidth('abc', 3)).toBe('abc');
  });
});
