/** Seconds as `m:ss` or `h:mm:ss`, with tenths when asked (for in/out points). */
export function formatTime(seconds: number, tenths = false): string {
  const safe = Math.max(0, seconds);
  const whole = Math.floor(safe);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const tail = tenths ? `.${Math.floor((safe - whole) * 10)}` : '';
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}${tail}` : `${m}:${ss}${tail}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
