import { useCallback, useEffect, useRef, useState } from 'react';
import type { MomentView, ProjectView } from '../../../core/app/views';
import { call } from '../api/call';
import { appWords } from '../api/error-text';
import { uploadFile } from '../api/upload-video';
import { openExternalUrl, youtubeUrl } from '../api/open-external';
import { ErrorNotice } from '../components/ErrorNotice';
import { MismatchDialog } from '../components/MismatchDialog';
import { ViewerFilesPanel } from '../components/ViewerFilesPanel';
import { MomentList } from '../components/MomentList';
import { ProgressBar } from '../components/ProgressBar';
import { TelopOverlay } from '../components/TelopOverlay';
import { PortraitPreview } from '../components/PortraitPreview';
import { TelopPanel } from '../components/TelopPanel';
import { FALLBACK_FPS, MomentEditor, nudged } from '../components/MomentEditor';
import { Timeline, type TimeRange } from '../components/Timeline';
import { useServiceJob } from '../hooks/useServiceJob';
import { useTelops } from '../hooks/useTelops';
import { useMergeOffer } from '../hooks/useMergeOffer';
import { useMomentEdits } from '../hooks/useMomentEdits';
import { VideoFilePicker } from '../components/VideoFilePicker';
import { formatTime } from '../format';

interface Props {
  project: ProjectView;
  onChange: (project: ProjectView) => void;
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
}

type AsideTab = 'moments' | 'telops';
const ASIDE_KEY = 'kirinuki-video-aside';

function rememberedAside(): AsideTab {
  try {
    return sessionStorage.getItem(ASIDE_KEY) === 'telops' ? 'telops' : 'moments';
  } catch {
    return 'moments';
  }
}

/** Keys that nudge the selected cue (by `event.code`, so Shift and the keyboard layout do not change them): in, out; earlier, later. */
const NUDGE_KEYS: Record<string, { edge: 'start' | 'end'; direction: -1 | 1 }> = {
  BracketLeft: { edge: 'start', direction: -1 },
  BracketRight: { edge: 'start', direction: 1 },
  Comma: { edge: 'end', direction: -1 },
  Period: { edge: 'end', direction: 1 },
};
/** The shortest a nudge leaves a cue (the service refuses less). */
const MIN_CUE_S = 0.1;
const centis = (t: number) => Math.round(t * 100) / 100;

export function VideoScreen({ project, onChange }: Props) {
  const video = useRef<HTMLVideoElement>(null);
  const [currentTime, setCurrentTime] = useState(0);
  const [selectedRank, setSelectedRank] = useState<number | null>(project.moments[0]?.rank ?? null);
  const [error, setError] = useState<unknown>(null);
  const { offer: offerMerge, action: mergeAction } = useMergeOffer(project.videoId);
  const [attaching, setAttaching] = useState(false);
  // the file of the last attach, retried with the user's confirmation when its length is not the video's
  const [pendingVideo, setPendingVideo] = useState<string | null>(null);
  // the browser's picked file of that attach: a refused upload is not kept by the service, so confirming uploads it again
  const pendingUpload = useRef<File | null>(null);
  const [confirmDetach, setConfirmDetach] = useState(false);
  const [aside, setAside] = useState<AsideTab>(rememberedAside);
  const [selectedCue, setSelectedCue] = useState<number | null>(null);
  const [loadingSubtitles, setLoadingSubtitles] = useState(false);
  const [subtitlesError, setSubtitlesError] = useState<unknown>(null);
  const [selection, setSelection] = useState<TimeRange | null>(null);
  const [playingMoment, setPlayingMoment] = useState(false);
  const stopAt = useRef<number | null>(null);
  // attaching and downloading run in the service; when one ends the project comes back with its video
  const videoJob = useServiceJob(['attachVideo', 'downloadVideo'], project.videoId, 'video', (job) => {
    if (job.state === 'done' && (job.kind === 'attachVideo' || job.kind === 'downloadVideo') && job.result) onChange(job.result);
  });
  const fetching = videoJob.running;
  const mismatch = (videoJob.error as { code?: unknown } | null)?.code === 'VIDEO_MISMATCH' && pendingVideo !== null ? videoJob.error : null;
  const shownError = error ?? (mismatch ? null : videoJob.error);
  const durationS = project.durationS;
  const selected = project.moments.find((m) => m.rank === selectedRank) ?? null;
  const telops = useTelops(project.videoId, selectedRank, selected ? `${selected.start}-${selected.end}` : '');
  const telopView = telops.view?.moment === selectedRank ? telops.view : null;
  // the Telops tab lists the selected moment's cues, never the last moment's while this one's are read
  const telopPanel = telopView ? telops : { ...telops, view: null, rows: [] };
  // the Telops tab edits the selected moment: without one, the moments are shown
  const tab: AsideTab = selected ? aside : 'moments';
  const telopKeys = tab === 'telops' && telops.rows.length > 0;

  const showAside = (tab: AsideTab) => {
    setAside(tab);
    try {
      sessionStorage.setItem(ASIDE_KEY, tab);
    } catch {
      // a tab without storage forgets the choice on reload
    }
  };

  const seek = useCallback((t: number) => {
    const clamped = Math.max(0, Math.min(durationS, t));
    if (video.current) video.current.currentTime = clamped;
    setCurrentTime(clamped);
  }, [durationS]);

  const { edit, changeMoments } = useMomentEdits({ project, onChange, offerMerge, setError, selectedRank, setSelectedRank });
  const videoId = project.videoId;
  const addMoment = useCallback(async () => {
    const t = video.current?.currentTime ?? currentTime;
    const range = selection ?? { start: t, end: Math.min(durationS, t + 10) };
    if (await changeMoments(() => call('addMoment', { videoId, start: range.start, end: range.end }))) setSelection(null);
    else offerMerge({ kind: 'add', start: range.start, end: range.end });
  }, [changeMoments, currentTime, durationS, offerMerge, selection, videoId]);
  const splitMoment = useCallback(() => {
    if (selectedRank === null) return;
    const at = video.current?.currentTime ?? currentTime;
    void changeMoments(() => call('splitMoment', { videoId, rank: selectedRank, at }));
  }, [changeMoments, currentTime, selectedRank, videoId]);
  const deleteMoment = useCallback(() => {
    if (selectedRank !== null) void changeMoments(() => call('deleteMoment', { videoId, rank: selectedRank }));
  }, [changeMoments, selectedRank, videoId]);
  const undo = useCallback((redo: boolean) => {
    if ((redo ? project.momentHistory.redo : project.momentHistory.undo) > 0) void changeMoments(() => call('undoMomentEdit', { videoId, redo }));
  }, [changeMoments, project.momentHistory, videoId]);

  // "play moment": from the in point, paused exactly at the out point (checked every frame, not every timeupdate)
  const playMoment = useCallback(() => {
    const player = video.current;
    if (!player || !selected) return;
    if (stopAt.current !== null) {
      stopAt.current = null;
      player.pause();
      return;
    }
    player.currentTime = selected.start;
    stopAt.current = selected.end;
    setPlayingMoment(true);
    void player.play().catch(() => undefined);
  }, [selected]);
  useEffect(() => {
    if (!playingMoment) return;
    let frame = 0;
    const check = () => {
      const player = video.current;
      const end = stopAt.current;
      if (!player || end === null || player.paused) {
        stopAt.current = null;
        setPlayingMoment(false);
        return;
      }
      if (player.currentTime >= end - 0.02) {
        player.pause();
        player.currentTime = end;
        stopAt.current = null;
        setPlayingMoment(false);
        return;
      }
      frame = requestAnimationFrame(check);
    };
    // the first frames can still be paused while play() starts
    const start = window.setTimeout(() => (frame = requestAnimationFrame(check)), 100);
    return () => {
      window.clearTimeout(start);
      cancelAnimationFrame(frame);
    };
  }, [playingMoment]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!isTyping(event.target) && (event.ctrlKey || event.metaKey) && !event.altKey && ['z', 'y'].includes(event.key.toLowerCase())) {
        // Ctrl/⌘+Z undoes a moment edit, Ctrl/⌘+Shift+Z (or Ctrl+Y) redoes it
        event.preventDefault();
        undo(event.key.toLowerCase() === 'y' || event.shiftKey);
        return;
      }
      if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      const player = video.current;
      const t = player?.currentTime ?? currentTime;
      const key = event.key.toLowerCase();
      if (key === ' ') {
        event.preventDefault();
        if (player) void (player.paused ? player.play().catch(() => undefined) : player.pause());
      } else if (key === 'i' && selectedRank !== null) void edit(selectedRank, { start: t });
      else if (key === 'o' && selectedRank !== null) void edit(selectedRank, { end: t });
      else if (key === 'a') void addMoment();
      else if (key === 's') splitMoment();
      else if (key === 'p') playMoment();
      else if ((key === 'delete' || key === 'backspace') && selectedRank !== null) deleteMoment();
      else if (key === 'escape' && selection) setSelection(null);
      else if (key === 'arrowleft' || key === 'arrowright') {
        event.preventDefault();
        const step = event.shiftKey ? 0.1 : 1;
        seek(t + (key === 'arrowleft' ? -step : step));
      } else if (telopKeys && NUDGE_KEYS[event.code]) {
        // [ ] move the selected cue's in, , . its out: 0.1 s, Shift 1 s
        const nudge = NUDGE_KEYS[event.code]!;
        const row = telops.rows.find((r) => r.cueStart === selectedCue) ?? telops.rows.find((r) => t >= r.start && t < r.end);
        if (!row) return;
        event.preventDefault();
        setSelectedCue(row.cueStart);
        const step = (event.shiftKey ? 1 : 0.1) * nudge.direction;
        if (nudge.edge === 'start') telops.change(row.cueStart, { start: centis(Math.max(0, Math.min(row.end - MIN_CUE_S, row.start + step))) });
        else telops.change(row.cueStart, { end: centis(Math.min(durationS || Number.POSITIVE_INFINITY, Math.max(row.start + MIN_CUE_S, row.end + step))) });
      } else if (selected && NUDGE_KEYS[event.code]) {
        // [ ] move the selected moment's in, , . its out: one frame, Shift 1 s
        const nudge = NUDGE_KEYS[event.code]!;
        event.preventDefault();
        const step = event.shiftKey ? { seconds: nudge.direction } : { frames: nudge.direction };
        const fps = project.fps ?? FALLBACK_FPS;
        void edit(selected.rank, (moment) => ({ [nudge.edge]: Math.min(durationS || Number.POSITIVE_INFINITY, nudged(moment[nudge.edge], step, fps)) }));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [addMoment, currentTime, deleteMoment, durationS, edit, playMoment, project.fps, seek, selected, selectedCue, selectedRank, selection, splitMoment, telopKeys, telops, undo]);

  const select = (moment: MomentView) => {
    setSelectedRank(moment.rank);
    seek(moment.start);
  };

  const attach = async (file: string, confirmMismatch = false) => {
    setError(null);
    setPendingVideo(file);
    await videoJob.start((id) => call('attachVideo', { videoId: project.videoId, path: file, ...(confirmMismatch ? { confirmMismatch } : {}) }, { jobId: id }));
  };
  const detach = async () => {
    setConfirmDetach(false);
    setError(null);
    try {
      onChange(await call('detachVideo', { videoId: project.videoId }));
    } catch (caught) {
      setError(caught);
    }
  };
  const download = async () => {
    setError(null);
    await videoJob.start((id) => call('downloadVideo', { videoId: project.videoId }, { jobId: id }));
  };
  const choose = async () => {
    const chosen = await call('chooseVideoFile', {}).catch(() => ({ path: null }));
    pendingUpload.current = null;
    if (chosen.path) await attach(chosen.path);
  };
  // the browser has no file dialog the server can trust: it uploads the picked file, then attaches it
  const upload = async (file: File | undefined, confirmMismatch = false) => {
    if (!file) return;
    setAttaching(true);
    setError(null);
    try {
      const path = await uploadFile(project.videoId, file);
      pendingUpload.current = file;
      await attach(path, confirmMismatch);
    } catch (caught) {
      setError(caught);
    } finally {
      setAttaching(false);
    }
  };

  // a subtitle file: uploaded (browser) or chosen in the dialog (desktop), then read into the project
  const loadSubtitles = async (pick: () => Promise<string | null>) => {
    setLoadingSubtitles(true);
    setSubtitlesError(null);
    try {
      const file = await pick();
      if (file) {
        await call('attachSubtitles', { videoId: project.videoId, file });
        telops.reload();
      }
    } catch (caught) {
      setSubtitlesError(caught);
    } finally {
      setLoadingSubtitles(false);
    }
  };
  return (
    <section className="screen video-screen" data-testid="screen-video">
      <header className="screen-head row">
        <div>
          <h1 className="title" data-testid="video-title">{project.title}</h1>
          <p className="muted small">
            {project.videoId} · {formatTime(durationS)} · {project.commentsFetched} comments · {project.mentions} timestamps
            {project.signals.chat ? ` · ${project.signals.chat.messages.toLocaleString('en-US')} chat messages` : ''}
            {project.signals.captions ? ` · ${project.signals.captions.tags} caption reactions` : ''}
            {project.channelTitle ? ` · ${project.channelTitle}` : ''}
          </p>
        </div>
        {project.video ? (
          <div className="row video-file-actions" data-testid="video-file-actions">
            {confirmDetach ? (
              <>
                <span className="small">Detach the video? The project&apos;s copy of the file is removed; moments and edits stay.</span>
                <button type="button" className="danger" onClick={() => void detach()} data-testid="detach-confirm">Detach</button>
                <button type="button" className="ghost" onClick={() => setConfirmDetach(false)}>Keep</button>
              </>
            ) : (
              <>
                <VideoFilePicker purpose="replace" disabled={attaching || fetching} onChoose={() => void choose()} onFile={(file) => void upload(file)} />
                <button type="button" className="ghost" onClick={() => setConfirmDetach(true)} disabled={attaching || fetching} data-testid="detach-video">Detach video</button>
              </>
            )}
          </div>
        ) : null}
        {/^[A-Za-z0-9_-]{11}$/.test(project.videoId) ? (
          <button type="button" className="ghost" onClick={() => void openExternalUrl(youtubeUrl(project.videoId, currentTime) ?? '')} data-testid="open-youtube">
            Open on YouTube
          </button>
        ) : null}
      </header>
      <div className="video-layout">
        <div className="player-column">
          <div className="player-row">
          <div className={`player${tab === 'telops' ? ' telop-preview' : ''}`}>
            {project.video ? (
              <video
                ref={video}
                src={window.kirinuki.mediaUrl(project.video)}
                controls
                preload="metadata"
                onTimeUpdate={(e) => setCurrentTime(e.currentTarget.currentTime)}
                onSeeked={(e) => setCurrentTime(e.currentTarget.currentTime)}
                data-testid="player"
              />
            ) : (
              <div className="player-empty">
                <p>No video file for this project yet. Attach the downloaded video to play it and export clips.</p>
                <div className="row">
                  <VideoFilePicker purpose="attach" disabled={attaching || fetching} onChoose={() => void choose()} onFile={(file) => void upload(file)} />
                </div>
                {/^[A-Za-z0-9_-]{11}$/.test(project.videoId) ? (
                  <div className="row">
                    <button type="button" onClick={() => void download()} disabled={fetching} data-testid="download-video">
                      Download with yt-dlp
                    </button>
                    {fetching ? <button type="button" onClick={videoJob.cancel} data-testid="download-cancel">Cancel</button> : null}
                  </div>
                ) : null}
                {fetching ? (
                  <ProgressBar
                    fraction={videoJob.progress?.fraction ?? 0}
                    label={videoJob.progress?.message ?? (videoJob.job?.kind === 'attachVideo' ? 'Attaching' : 'Downloading')}
                    testId="download-progress"
                  />
                ) : null}
              </div>
            )}
            {project.video && telopView?.subtitles ? <TelopOverlay video={video} view={telopView} /> : null}
          </div>
          </div>
          <Timeline
            project={project}
            durationS={durationS}
            currentTime={currentTime}
            selectedRank={selectedRank}
            selection={selection}
            onSelection={setSelection}
            onSeek={seek}
            onSelect={setSelectedRank}
            onEdit={(rank, window) => void edit(rank, window)}
          />
          <MomentEditor
            moment={selected}
            fps={project.fps}
            durationS={durationS}
            selection={selection}
            history={project.momentHistory}
            playing={playingMoment}
            onEdit={(change) => {
              if (selectedRank !== null) void edit(selectedRank, change);
            }}
            onPlayMoment={playMoment}
            onAdd={() => void addMoment()}
            onSplit={splitMoment}
            onDelete={deleteMoment}
            onUndo={() => undo(false)}
            onRedo={() => undo(true)}
          />
          <div className="slot">
            {shownError ? (
              <ErrorNotice
                error={shownError}
                onDismiss={() => (error ? setError(null) : videoJob.dismissError())}
                action={error ? mergeAction(error, changeMoments, () => setSelection(null)) : null}
              />
            ) : (
              <p className="muted small keys">
                Space play/pause · I / O set the selected moment's in / out at the playhead · ←/→ 1 s (Shift 0.1 s) · drag a range's edges · drag on the ruler then A adds a moment · S split · Delete · P play moment · + / − / F zoom · Ctrl+Z / Ctrl+Shift+Z undo / redo
                {telopKeys ? ' · [ / ] move the selected cue\'s in, , / . its out by 0.1 s (Shift 1 s)' : ' · [ / ] move the in point, , / . the out point by one frame (Shift 1 s)'}
                {selected ? ` · selected #${selected.rank}` : ''}
              </p>
            )}
          </div>
          {project.notice ? <div className="notice" data-testid="project-notice">{project.notice}</div> : null}
          {project.signals.notes.length > 0 ? (
            <ul className="signal-notes muted small" data-testid="signal-notes">
              {project.signals.notes.map((note) => (
                <li key={`${note.code}:${note.message}`} data-code={note.code}>{appWords(note.message)}</li>
              ))}
            </ul>
          ) : null}
        </div>
        <aside className="moments-column">
          {/* the 9:16 preview heads the side column, so the player and the timeline keep the width; the
              Telops tab has the player's own 9:16 frame with the telops instead, and its cues at the top */}
          {project.video && selected && tab === 'moments' ? (
            <PortraitPreview
              player={video}
              src={window.kirinuki.mediaUrl(project.video)}
              videoId={project.videoId}
              moment={selected.rank}
              momentKey={`${selected.start}-${selected.end}`}
              telops={telopView}
            />
          ) : null}
          <div className="aside-tabs" role="tablist">
            <button type="button" role="tab" aria-selected={tab === 'moments'} className={`aside-tab${tab === 'moments' ? ' active' : ''}`} onClick={() => showAside('moments')} data-testid="tab-moments">
              Moments <span className="muted small">({project.moments.filter((m) => m.enabled).length} of {project.moments.length} on)</span>
            </button>
            <button type="button" role="tab" aria-selected={tab === 'telops'} className={`aside-tab${tab === 'telops' ? ' active' : ''}`} onClick={() => showAside('telops')} disabled={!selected} data-testid="tab-telops">
              Telops
            </button>
          </div>
          {tab === 'moments' && (project.moments.length === 0 || !/^[A-Za-z0-9_-]{11}$/.test(project.videoId)) ? (
            <ViewerFilesPanel project={project} onChange={onChange} onSubtitles={telops.reload} />
          ) : null}
          {tab === 'moments' ? (
            <MomentList
              moments={project.moments}
              selectedRank={selectedRank}
              onSelect={select}
              onSeek={seek}
              onToggle={(moment, enabled) => void edit(moment.rank, { enabled })}
            />
          ) : (
            <TelopPanel
              telops={telopPanel}
              moments={project.moments}
              onSelectMoment={(rank) => {
                const moment = project.moments.find((m) => m.rank === rank);
                if (moment) select(moment);
              }}
              currentTime={currentTime}
              selectedCue={selectedCue}
              onSelectCue={setSelectedCue}
              onSeek={seek}
              loading={loadingSubtitles}
              loadError={subtitlesError}
              onDismissLoadError={() => setSubtitlesError(null)}
              onLoadFile={(file) => void loadSubtitles(() => uploadFile(project.videoId, file))}
              onChoose={window.kirinuki.host === 'electron' ? () => void loadSubtitles(async () => (await call('chooseSubtitleFile', {})).path) : null}
            />
          )}
        </aside>
      </div>
      {mismatch ? (
        <MismatchDialog
          error={mismatch}
          onCancel={() => {
            videoJob.dismissError();
            setPendingVideo(null);
            pendingUpload.current = null;
          }}
          onConfirm={() => {
            const file = pendingVideo;
            const picked = pendingUpload.current;
            videoJob.dismissError();
            if (picked) void upload(picked, true);
            else if (file) void attach(file, true);
          }}
        />
      ) : null}
    </section>
  );
}
