import { useState, type FormEvent } from 'react';
import type { ChannelView } from '../../../core/app/views';
import { call, CallError } from '../api/call';
import { ErrorNotice } from '../components/ErrorNotice';
import { ProgressBar } from '../components/ProgressBar';
import { useServiceJob } from '../hooks/useServiceJob';

export function ChannelScreen({ initial, onOpenVideo }: { initial: string; onOpenVideo: (videoId: string) => Promise<void> }) {
  const [channel, setChannel] = useState(initial);
  const [limit, setLimit] = useState('10');
  const [momentsOnly, setMomentsOnly] = useState(true);
  const [error, setError] = useState<unknown>(null);
  // the latest channel run of the service (from this tab, another one, or before a reload)
  const job = useServiceJob(['runChannel'], null, 'channel');
  const running = job.running;
  const jobId = running ? (job.job?.jobId ?? null) : null;
  const finished: ChannelView | null = job.job?.kind === 'runChannel' ? job.job.result : null;
  const live = job.progress?.channel ?? finished;

  const run = async (event?: FormEvent) => {
    event?.preventDefault();
    setError(null);
    await job.start((id) => call('runChannel', { channel: channel.trim(), limit: limit ? Number(limit) : null, momentsOnly }, { jobId: id }));
  };

  return (
    <section className="screen" data-testid="screen-channel">
      <header className="screen-head">
        <h1>Channel</h1>
        <p className="muted">Find the moments of a channel's latest videos in one go. Paused or stopped runs resume without spending quota again.</p>
      </header>
      <form className="row" onSubmit={(e) => void run(e)}>
        <input className="grow" value={channel} onChange={(e) => setChannel(e.target.value)} placeholder="@handle or https://www.youtube.com/channel/UC…" aria-label="Channel" data-testid="channel-input" />
        <label className="inline">Videos <input type="number" min={1} max={5000} value={limit} onChange={(e) => setLimit(e.target.value)} className="narrow" /></label>
        <label className="check"><input type="checkbox" checked={momentsOnly} onChange={(e) => setMomentsOnly(e.target.checked)} /> Moments only</label>
        <button type="submit" className="primary" disabled={running || !channel.trim()} data-testid="channel-start">{live?.state === 'paused' ? 'Resume' : 'Start'}</button>
        <button type="button" disabled={jobId === null} onClick={() => jobId && void call('pauseJob', { jobId })}>Pause</button>
        <button type="button" disabled={!running} onClick={job.cancel} data-testid="channel-cancel">Cancel</button>
      </form>
      <div className="slot">
        {running ? <ProgressBar fraction={job.progress?.fraction ?? 0} label={job.progress?.message ?? 'Starting'} testId="channel-progress" /> : null}
        <ErrorNotice error={error ?? job.error} onDismiss={() => (error ? setError(null) : job.dismissError())} />
        {live?.stopped ? <ErrorNotice error={new CallError(live.stopped.code, live.stopped.message)} /> : null}
      </div>
      {live ? (
        <>
          <h2>
            {live.channel?.title ?? channel} <span className="muted small">· {live.state} · quota spent {live.quotaSpent} units</span>
          </h2>
          <table className="table" data-testid="channel-videos">
            <thead><tr><th>Video</th><th>Status</th><th>Moments</th><th>Clips</th><th /></tr></thead>
            <tbody>
              {live.videos.map((v) => (
                <tr key={v.id}>
                  <td><span className="cell-title">{v.title}</span><span className="muted small"> {v.id}</span></td>
                  <td className={`status status-${v.status}`} title={v.error?.message}>{v.status}{v.error ? ` (${v.error.code})` : ''}</td>
                  <td>{v.moments ?? '–'}</td>
                  <td>{v.clips ?? '–'}</td>
                  <td>{v.status === 'done' ? <button type="button" onClick={() => onOpenVideo(v.id).catch(setError)}>Open</button> : null}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
