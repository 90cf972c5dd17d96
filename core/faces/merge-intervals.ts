/** Sorts and unions [start, end] intervals, joining those separated by less than `bridgeS`. */
export function mergeIntervals(intervals: Array<[number, number]>, bridgeS: number): Array<[number, number]> {
  const sorted = intervals.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [start, end] of sorted) {
    const last = out[out.length - 1];
    if (last && start - last[1] < bridgeS) last[1] = Math.max(last[1], end);
    else out.push([start, end]);
  }
  return out;
}

export function totalLength(intervals: Array<[number, number]>): number {
  return intervals.reduce((sum, [s, e]) => sum + (e - s), 0);
}
