/** A value with the weight it carries (a mention's 1/k). */
export interface Weighted {
  value: number;
  weight: number;
}

/**
 * The smallest value whose cumulative weight reaches `q` (0..1) of the total: the weighted
 * median at 0.5. Undefined for no values.
 */
export function weightedQuantile(items: readonly Weighted[], q: number): number | undefined {
  if (items.length === 0) return undefined;
  const sorted = [...items].sort((a, b) => a.value - b.value);
  const target = Math.min(1, Math.max(0, q)) * sorted.reduce((sum, item) => sum + item.weight, 0);
  let seen = 0;
  for (const item of sorted) {
    seen += item.weight;
    if (seen >= target) return item.value;
  }
  return sorted[sorted.length - 1]!.value;
}
