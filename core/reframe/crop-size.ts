import type { FrameSize } from './types.js';

function evenFloor(value: number): number {
  return Math.max(2, Math.floor(value / 2) * 2);
}

/**
 * The largest crop of the source with the output's aspect ratio (even sides): full height and a
 * third of the width when a 16:9 source goes to 9:16, full width when the source is narrower.
 */
export function cropSizeFor(source: FrameSize, output: FrameSize): FrameSize {
  const aspect = output.width / output.height;
  if (source.width / source.height > aspect) {
    return { width: Math.min(source.width, evenFloor(source.height * aspect)), height: source.height };
  }
  return { width: source.width, height: Math.min(source.height, evenFloor(source.width / aspect)) };
}
