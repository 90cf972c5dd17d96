/** Euclidean distance of two face descriptors (face-api: same person ≲ 0.55, others ≳ 0.6). */
export function descriptorDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i += 1) {
    const d = a[i]! - b[i]!;
    sum += d * d;
  }
  return Math.sqrt(sum);
}

/** The smallest distance between any descriptor of one set and any of the other. */
export function nearestDistance(a: ReadonlyArray<ArrayLike<number>>, b: ReadonlyArray<ArrayLike<number>>): number {
  let best = Infinity;
  for (const x of a) for (const y of b) best = Math.min(best, descriptorDistance(x, y));
  return best;
}

/** The mean distance over every pair: steadier than the nearest pair for clustering. */
export function meanDistance(a: ReadonlyArray<ArrayLike<number>>, b: ReadonlyArray<ArrayLike<number>>): number {
  if (a.length === 0 || b.length === 0) return Infinity;
  let sum = 0;
  for (const x of a) for (const y of b) sum += descriptorDistance(x, y);
  return sum / (a.length * b.length);
}
