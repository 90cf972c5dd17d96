import { existsSync } from 'node:fs';
import { probeMedia } from '../media/probe.js';

export interface ExpectedOutput {
  width: number;
  height: number;
  durationS: number;
  /** Stream-copy cuts start at the keyframe before the window, so they may run a few seconds longer. */
  fast?: boolean;
}

/** Half a frame at 25 fps either way, plus the AAC frame the encoder may add at the end. */
const DURATION_TOLERANCE_S = 0.1;
const FAST_EXTRA_S = 12;

/**
 * True when `path` is a complete, readable video of the expected size and length: what a re-run
 * may keep. A killed encode never gets here (it only ever wrote `<path>.part`), and a damaged or
 * foreign file fails the probe or the checks.
 */
export async function isUpToDate(path: string, expected: ExpectedOutput): Promise<boolean> {
  if (!existsSync(path)) return false;
  try {
    const info = await probeMedia(path);
    if (info.width !== expected.width || info.height !== expected.height) return false;
    const extra = info.durationS - expected.durationS;
    const maxExtra = expected.fast ? FAST_EXTRA_S : DURATION_TOLERANCE_S;
    return extra >= -DURATION_TOLERANCE_S && extra <= maxExtra;
  } catch {
    return false;
  }
}
