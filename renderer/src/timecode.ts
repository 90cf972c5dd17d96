/** Seconds as `m:ss.cc` (or `h:mm:ss.cc`): in/out points to the hundredth, so a frame nudge shows. */
export function formatTimecode(seconds: number): string {
  const hundredths = Math.round(Math.max(0, seconds) * 100);
  const whole = Math.floor(hundredths / 100);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  const cc = String(hundredths % 100).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}.${cc}` : `${m}:${s}.${cc}`;
}

/** Seconds as `m:ss.mmm` (or `h:mm:ss.mmm`): a frame's exact time at any frame rate. */
export function formatFrameTimecode(seconds: number): string {
  const millis = Math.round(Math.max(0, seconds) * 1000);
  const whole = Math.floor(millis / 1000);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = String(whole % 60).padStart(2, '0');
  const ms = String(millis % 1000).padStart(3, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}.${ms}` : `${m}:${s}.${ms}`;
}

/** The frame shown at `seconds` (frame `n` covers `[n / fps, (n + 1) / fps)`), with a hair of tolerance for rounded times. */
export function frameAt(seconds: number, fps: number): number {
  return Math.floor(seconds * fps + 1e-3);
}

/** `seconds` moved by whole frames onto the frame grid (the start of the frame it lands on), to the microsecond. */
export function stepFrames(seconds: number, frames: number, fps: number): number {
  return Math.max(0, Math.round(((frameAt(seconds, fps) + frames) / fps) * 1e6) / 1e6);
}

/**
 * A typed time: `1:23.4`, `1:02:03`, `83.5` (seconds) or `1m23s`; null when it is none of these.
 * Minutes and seconds after a colon must be below 60.
 */
export function parseTimecode(text: string): number | null {
  const typed = text.trim();
  const units = /^(?:(\d+)h)?\s*(?:(\d+)m)?\s*(?:(\d+(?:\.\d+)?)s)?$/i.exec(typed);
  if (units && typed !== '' && (units[1] || units[2] || units[3])) {
    return Number(units[1] ?? 0) * 3600 + Number(units[2] ?? 0) * 60 + Number(units[3] ?? 0);
  }
  const clock = /^(?:(\d+):)?(?:(\d+):)?(\d+(?:\.\d+)?)$/.exec(typed);
  if (!clock) return null;
  const parts = [clock[1], clock[2], clock[3]].filter((p): p is string => p !== undefined).map(Number);
  if (parts.slice(1).some((p) => p >= 60)) return null;
  return parts.reduce((total, part) => total * 60 + part, 0);
}

/** A "nice" step between ruler ticks so that about `count` of them fit in `visibleS` seconds. */
export function tickStep(visibleS: number, count: number): number {
  const steps = [0.04, 0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200];
  return steps.find((step) => visibleS / step <= count) ?? steps[steps.length - 1]!;
}
