import { probeMedia } from '../media/probe.js';
import { fileIdentity } from '../project/fingerprint.js';

const rates = new Map<string, Promise<number | null>>();

/**
 * The frame rate of a project's video file (frames per second), for frame-exact nudges and
 * timecodes; probed once per file version (path, size, mtime), null when it cannot be read.
 */
export async function videoFrameRate(path: string): Promise<number | null> {
  const identity = await fileIdentity(path).catch(() => null);
  if (!identity) return null;
  const key = `${identity.path}|${identity.size}|${identity.mtimeMs}`;
  let rate = rates.get(key);
  if (!rate) {
    rate = probeMedia(path).then((info) => (Number.isFinite(info.fps) && info.fps > 0 ? Math.round(info.fps * 1000) / 1000 : null), () => null);
    rates.set(key, rate);
  }
  return rate;
}
