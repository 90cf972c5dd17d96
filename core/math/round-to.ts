/** `value` rounded to `digits` decimals (a crop path's times and positions as written). */
export function roundTo(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
