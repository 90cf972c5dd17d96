/** A fixed-height bar, so progress appearing or finishing never moves the layout. */
export function ProgressBar({ fraction, label, testId }: { fraction: number | null; label?: string; testId?: string }) {
  const percent = fraction === null ? 0 : Math.round(Math.min(1, Math.max(0, fraction)) * 100);
  return (
    <div className="progress" data-testid={testId} aria-label={label} role="progressbar" aria-valuenow={percent} aria-valuetext={`${label ? `${label}: ` : ''}${percent}%`} aria-valuemin={0} aria-valuemax={100}>
      <div className="progress-fill" style={{ width: `${percent}%` }} />
      <span className="progress-label">{label ? `${label} · ` : ''}{percent}%</span>
    </div>
  );
}
