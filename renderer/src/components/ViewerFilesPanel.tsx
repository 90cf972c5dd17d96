import { useState } from 'react';
import type { ProjectView } from '../../../core/app/views';
import { call } from '../api/call';
import { uploadFile } from '../api/upload-video';
import { ErrorNotice } from './ErrorNotice';

type Kind = 'comments' | 'chat' | 'subtitles';

const LABEL: Record<Kind, string> = {
  comments: 'Load comments…',
  chat: 'Load live chat…',
  subtitles: 'Load subtitles…',
};
const ACCEPT: Record<Kind, string> = {
  comments: '.json,application/json',
  chat: '.json,application/json',
  subtitles: '.json3,.vtt,.srt',
};
const WHAT: Record<Kind, string> = {
  comments: 'a yt-dlp .info.json with comments, or a saved comments file',
  chat: 'the .live_chat.json of a stream',
  subtitles: 'a .json3, .vtt or .srt file',
};

/**
 * What a project without moments (a local video, mostly) can load: its comments or live chat (the
 * moments are found again with them) and its subtitles, each a file the user picks (uploaded in
 * the browser, chosen in the desktop dialog), never a typed path.
 */
export function ViewerFilesPanel({ project, onChange, onSubtitles }: { project: ProjectView; onChange: (project: ProjectView) => void; onSubtitles: () => void }) {
  const [busy, setBusy] = useState<Kind | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const desktop = window.kirinuki.host === 'electron';
  const empty = project.moments.length === 0;

  const load = async (kind: Kind, pick: () => Promise<string | null>) => {
    setBusy(kind);
    setError(null);
    setDone(null);
    try {
      const file = await pick();
      if (!file) return;
      if (kind === 'subtitles') {
        await call('attachSubtitles', { videoId: project.videoId, file });
        onSubtitles();
        onChange(await call('openProject', { videoId: project.videoId }));
        setDone('Subtitles loaded: the Telops tab shows them.');
      } else {
        const view = await call('loadViewerFile', { videoId: project.videoId, kind, file });
        onChange(view);
        const found = view.moments.length;
        setDone(`${kind === 'chat' ? 'Live chat' : 'Comments'} loaded: ${found} moment${found === 1 ? '' : 's'} found.`);
      }
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(null);
    }
  };
  const choose = (kind: Kind) => async () =>
    kind === 'subtitles' ? (await call('chooseSubtitleFile', {})).path : (await call('chooseViewerFile', { kind })).path;

  return (
    <div className={`viewer-files${empty ? ' empty' : ''}`} data-testid="viewer-files">
      {empty ? (
        <p className="empty-hint" data-testid="add-moment-hint">
          <strong>No moments yet.</strong> Add one by hand: drag across the timeline&apos;s ruler to select a range, then press A.
          Or load what the viewers left — the video&apos;s comments, its live chat or its subtitles — to find moments.
        </p>
      ) : (
        <p className="muted small">Load more of what the viewers left; the moments are found again with it.</p>
      )}
      <div className="viewer-file-buttons">
        {(['comments', 'chat', 'subtitles'] as const).map((kind) =>
          desktop ? (
            <button key={kind} type="button" onClick={() => void load(kind, choose(kind))} disabled={busy !== null} title={WHAT[kind]} data-testid={`load-${kind}`}>
              {busy === kind ? 'Loading…' : LABEL[kind]}
            </button>
          ) : (
            <label key={kind} className={`file-button${busy !== null ? ' disabled' : ''}`} title={WHAT[kind]}>
              {busy === kind ? 'Loading…' : LABEL[kind]}
              <input
                type="file"
                accept={ACCEPT[kind]}
                disabled={busy !== null}
                onChange={(e) => {
                  const file = e.target.files?.[0];
                  e.target.value = '';
                  if (file) void load(kind, () => uploadFile(project.videoId, file));
                }}
                data-testid={`load-${kind}-file`}
              />
            </label>
          ),
        )}
      </div>
      <p className="muted small">Comments: {WHAT.comments}. Chat: {WHAT.chat}. Subtitles: {WHAT.subtitles}.</p>
      <div aria-live="polite" className="small" data-testid="viewer-files-status">{done}</div>
      {error ? <ErrorNotice error={error} onDismiss={() => setError(null)} /> : null}
    </div>
  );
}
