import { generateSampleComments } from '../../core/demo/generate-sample-comments.js';
import { findMoments } from '../../core/moments/find-moments.js';
import type { BenchRow } from '../bench-row.js';
import { measureBest } from '../measure.js';

const COMMENTS = 100_000;
/** A three-hour stream: long enough that the density grid is not trivially small. */
const DURATION_S = 3 * 3600;
const COLON = /\d+:\d\d/g;

/** The floor any timestamp extraction pays: one simple regex over every comment's text. */
function plainScan(texts: readonly string[]): number {
  let found = 0;
  for (const text of texts) found += text.match(COLON)?.length ?? 0;
  return found;
}

export const momentsRow: BenchRow = {
  id: 'moments-100k',
  title: `mentions + ranked moments over ${COMMENTS.toLocaleString('en-US')} comments (3 h video)`,
  baseline: 'one plain /\\d+:\\d\\d/ regex scan over the same comments',
  run: async () => {
    const { commentSet } = generateSampleComments({ comments: COMMENTS, durationS: DURATION_S, seed: 7 });
    const texts = commentSet.comments.map((c) => c.text);
    const scan = await measureBest(3, () => plainScan(texts));
    const ranked = await measureBest(3, () => findMoments(commentSet, { top: 10 }));
    const perSecond = (seconds: number): number => COMMENTS / seconds;
    return [
      { name: 'throughput', value: perSecond(ranked.seconds), unit: 'comments/s', baseline: perSecond(scan.seconds) },
      { name: 'time', value: ranked.seconds * 1000, unit: 'ms', baseline: scan.seconds * 1000 },
      { name: 'peak rss rise', value: ranked.peakRssMB, unit: 'MB' },
      { name: 'heap retained', value: ranked.heapMB, unit: 'MB' },
      { name: 'mentions', value: ranked.result.mentions, unit: 'timestamps' },
    ];
  },
};
