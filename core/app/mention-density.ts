/** Mentions per bin over the whole video, for the timeline (about 200 bins, at least 1 s each). */
export function mentionDensity(times: readonly number[], durationS: number): { binS: number; counts: number[] } {
  const binS = Math.max(1, durationS / 200);
  const counts = new Array<number>(Math.max(1, Math.ceil(durationS / binS))).fill(0);
  for (const t of times) {
    const bin = Math.min(counts.length - 1, Math.max(0, Math.floor(t / binS)));
    counts[bin] = (counts[bin] ?? 0) + 1;
  }
  return { binS, counts };
}
