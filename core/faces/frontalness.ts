/** 1 when the nose sits midway between the jaw's ends (frontal), towards 0 as the head turns. */
export function frontalness(points: Array<{ x: number; y: number }>): number {
  const left = points[0];
  const right = points[16];
  const nose = points[30];
  if (!left || !right || !nose) return 0;
  const width = right.x - left.x;
  if (width <= 0) return 0;
  const offCentre = Math.abs(nose.x - left.x - (right.x - nose.x)) / width;
  return Math.max(0, 1 - offCentre);
}
