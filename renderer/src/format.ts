/** Seconds as `m:ss` or `h:mm:ss`, with tenths when asked (for in/out points). */
export function formatTime(seconds: number, tenths = false): string {
  const safe = Math.max(0, seconds);
  // tenths counted on the whole value: 8.7 - 8 is 0.6999…, which would show as 8.6
  const allTenths = Math.floor(safe * 10 + 1e-6);
  const whole = tenths ? Math.floor(allTenths / 10) : Math.floor(safe);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const tail = tenths ? `.${allTenths % 10}` : '';
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}${tail}` : `${m}:${ss}${tail}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
