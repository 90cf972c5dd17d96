import { useEffect, useState, type DragEvent, type FormEvent } from 'react';
import type { ProjectSummary, ProjectView, SettingsView } from '../../../core/app/views';
import { call } from '../api/call';
import { ErrorNotice } from '../components/ErrorNotice';
import { ProgressBar } from '../components/ProgressBar';
import { formatTime } from '../format';
import { useServiceJob } from '../hooks/useServiceJob';

interface Props {
  settings: SettingsView | null;
  onProject: (project: ProjectView) => void;
  onChannel: (input: string) => void;
  onSettings: () => void;
}

export function StartScreen({ settings, onProject, onChannel, onSettings }: Props) {
  const [source, setSource] = useState('');
  const [recent, setRecent] = useState<ProjectSummary[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [dropHint, setDropHint] = useState<string | null>(null);
  // opening runs in the service; when one this tab started ends, its project (or channel) opens
  const job = useServiceJob(['openSource'], null, 'open', (ended, mine) => {
    if (!mine || ended.state !== 'done' || ended.kind !== 'openSource' || !ended.result) return;
    if (ended.result.kind === 'channel') onChannel(ended.result.channel);
    else onProject(ended.result.project);
  }, { ownErrorsOnly: true });
  const running = job.running;

  useEffect(() => {
    call('listProjects', {}).then(setRecent, setError);
  }, []);

  const open = async (input: string) => {
    if (!input.trim()) return;
    setError(null);
    await job.start((id) => call('openSource', { source: input.trim() }, { jobId: id }));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void open(source);
  };

  const chooseFile = async () => {
    if (window.kirinuki.host !== 'electron') {
      setDropHint('In the browser, type or paste the full path of the video file into the box above.');
      return;
    }
    const chosen = await call('chooseVideoFile', {});
    if (chosen.path) {
      setSource(chosen.path);
      void open(chosen.path);
    }
  };

  const drop = (event: DragEvent) => {
    event.preventDefault();
    const file = event.dataTransfer.files[0];
    const path = file && window.kirinuki.pathForFile ? window.kirinuki.pathForFile(file) : '';
    if (path) {
      setSource(path);
      void open(path);
    } else {
      setDropHint('The browser does not tell Kirinuki where a dropped file is: type or paste its full path instead.');
    }
  };

  return (
    <section className="screen start" onDragOver={(e) => e.preventDefault()} onDrop={drop} data-testid="screen-start">
      <header className="screen-head">
        <h1>Find the moments your viewers loved</h1>
        <p className="muted">Paste a video URL, a video ID, a channel URL or @handle, or the path of a local video or yt-dlp .info.json.</p>
      </header>
      <form className="source-form" onSubmit={submit}>
        <input
          className="source-input"
          value={source}
          onChange={(e) => setSource(e.target.value)}
          placeholder="https://www.youtube.com/watch?v=…  ·  dQw4w9WgXcQ  ·  @handle  ·  /path/to/video.mp4"
          aria-label="Video URL, ID, channel or file"
          data-testid="source-input"
          autoFocus
        />
        <button type="submit" className="primary" disabled={running || !source.trim()} data-testid="source-open">
          Open
        </button>
        <button type="button" onClick={() => void chooseFile()} disabled={running}>
          Open video file…
        </button>
      </form>
      <div className="slot">
        {running ? (
          <ProgressBar fraction={job.progress?.fraction ?? 0} label={job.progress?.message ?? 'Loading comments'} testId="open-progress" />
        ) : null}
        <ErrorNotice error={error ?? job.error} onDismiss={() => (error ? setError(null) : job.dismissError())} />
        {dropHint && !error ? <div className="notice">{dropHint}</div> : null}
      </div>
      {settings && !settings.apiKey.set ? (
        <div className="notice" data-testid="no-key-hint">
          <div className="notice-body">
            <strong>No YouTube API key is set — a video URL still works.</strong>
            <span>
              yt-dlp reads its top comments together with its live chat and heatmap (slower, no quota).
              For faster comments, add a key in <button type="button" className="link" onClick={onSettings}>Settings</button>.
            </span>
          </div>
        </div>
      ) : null}
      <h2>Recent projects</h2>
      {recent.length === 0 ? <p className="muted">Nothing yet: projects you open appear here.</p> : null}
      <ul className="recent" data-testid="recent-projects">
        {recent.map((item) => (
          <li key={item.videoId}>
            <button type="button" className="recent-item" onClick={() => call('openProject', { videoId: item.videoId }).then(onProject, setError)}>
              <span className="recent-title">{item.title}</span>
              <span className="muted small">
                {item.videoId} · {formatTime(item.durationS)} · {item.moments} moments{item.hasVideo ? '' : ' · no video file'}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
