import type { MomentView, TelopRowView } from '../../../core/app/views';
import { formatTime } from '../format';
import type { Telops } from '../hooks/useTelops';
import { ErrorNotice } from './ErrorNotice';

interface Props {
  telops: Telops;
  moments: MomentView[];
  onSelectMoment: (rank: number) => void;
  /** The video's time, to mark the cue being played. */
  currentTime: number;
  /** The cue the keyboard nudges (its original start). */
  selectedCue: number | null;
  onSelectCue: (cueStart: number) => void;
  onSeek: (t: number) => void;
  /** Loading a subtitle file: busy while it uploads and is read. */
  loading: boolean;
  /** Why the last file could not be loaded (e.g. SUBTITLES_UNREADABLE). */
  loadError: unknown;
  onDismissLoadError: () => void;
  onLoadFile: (file: File) => void;
  onChoose: (() => void) | null;
}

/** `m:ss.t`, in and out of a cue. */
const span = (row: TelopRowView) => `${formatTime(row.start, true)} → ${formatTime(row.end, true)}`;

/**
 * The telop editor of the selected moment: one line per cue (its text, in/out, hide/restore and
 * reset), the style picker, and — for a project without subtitles — a calm offer to load a file.
 */
export function TelopPanel({ telops, moments, onSelectMoment, currentTime, selectedCue, onSelectCue, onSeek, loading, loadError, onDismissLoadError, onLoadFile, onChoose }: Props) {
  const { view, rows } = telops;
  if (!view) return telops.error ? <ErrorNotice error={telops.error} onDismiss={telops.dismissError} /> : <p className="muted small">Reading the subtitles…</p>;
  return (
    <div className="telop-panel" data-testid="telop-panel">
      <div className="telop-head">
        <label className="telop-moment">
          <span className="small">Moment</span>
          <select value={view.moment} onChange={(e) => onSelectMoment(Number(e.target.value))} data-testid="telop-moment">
            {moments.map((moment) => (
              <option key={moment.rank} value={moment.rank}>
                #{moment.rank} · {formatTime(moment.start)}–{formatTime(moment.end)}
              </option>
            ))}
          </select>
        </label>
        <label className="telop-style">
          <span className="small">Style</span>
          <select value={telops.styleName ?? view.style.name} onChange={(e) => telops.setStyle(e.target.value)} data-testid="telop-style">
            {view.styles.map((style) => (
              <option key={style.name} value={style.name}>{style.label}</option>
            ))}
          </select>
        </label>
      </div>
      {telops.error ? <ErrorNotice error={telops.error} onDismiss={telops.dismissError} /> : null}
      {view.subtitles ? (
        <>
          <p className="muted small telop-source" data-testid="telop-source">
            {view.subtitles.name} · {view.subtitles.wordTimed ? 'word-timed' : 'cues only'} · {view.subtitles.cues} cues
            <span className="telop-saving">{telops.saving ? ' · saving…' : ' · saved'}</span>
          </p>
          {rows.length === 0 ? (
            <p className="muted small" data-testid="telop-empty">Nothing is said in this moment: its clip gets no telops.</p>
          ) : (
            <ol className="telop-rows" data-testid="telop-rows">
              {rows.map((row) => (
                <TelopRow
                  key={row.cueStart}
                  row={row}
                  playing={currentTime >= row.start && currentTime < row.end}
                  selected={selectedCue === row.cueStart}
                  onSelect={() => onSelectCue(row.cueStart)}
                  onSeek={onSeek}
                  telops={telops}
                />
              ))}
            </ol>
          )}
        </>
      ) : (
        <div className="notice telop-none" data-testid="telop-no-subtitles">
          <div className="notice-body">
            <span>This video has no subtitles in the project, so its clips get no telops.</span>
            <span className="muted small">Load the video's subtitle file (.json3, .vtt or .srt — yt-dlp --write-subs writes one) to edit and export them.</span>
            <div className="row">
              {onChoose ? (
                <button type="button" className="primary" disabled={loading} onClick={onChoose} data-testid="subtitles-choose">Load subtitles…</button>
              ) : (
                <label className={`button primary file-button${loading ? ' disabled' : ''}`}>
                  Load subtitles…
                  <input
                    type="file"
                    accept=".json3,.vtt,.srt"
                    disabled={loading}
                    onChange={(e) => {
                      const file = e.target.files?.[0];
                      e.target.value = '';
                      if (file) onLoadFile(file);
                    }}
                    data-testid="subtitles-file"
                  />
                </label>
              )}
              {loading ? <span className="muted small">Reading…</span> : null}
            </div>
            {loadError ? <ErrorNotice error={loadError} onDismiss={onDismissLoadError} /> : null}
          </div>
        </div>
      )}
    </div>
  );
}

function TelopRow({ row, playing, selected, onSelect, onSeek, telops }: {
  row: TelopRowView;
  playing: boolean;
  selected: boolean;
  onSelect: () => void;
  onSeek: (t: number) => void;
  telops: Telops;
}) {
  const empty = row.text.trim() === '';
  const className = ['telop-row', playing ? 'playing' : '', selected ? 'selected' : '', row.hidden ? 'hidden-cue' : ''].filter(Boolean).join(' ');
  return (
    <li className={className} data-testid="telop-row" data-cue={row.cueStart} data-edited={row.edited ? 'true' : 'false'}>
      <div className="telop-row-head">
        <button
          type="button"
          className="link telop-time"
          title="Select this cue ([ ] and , . nudge it) and play from its start"
          onClick={() => {
            onSelect();
            onSeek(row.start);
          }}
          data-testid="telop-time"
        >
          {span(row)}
        </button>
        {row.edited ? <span className="badge badge-edited">edited</span> : null}
        <span className="grow" />
        <button type="button" className="ghost small-button" onClick={() => telops.change(row.cueStart, { hidden: !row.hidden })} data-testid="telop-hide">
          {row.hidden ? 'Restore' : 'Hide'}
        </button>
        <button type="button" className="ghost small-button" disabled={!row.edited} onClick={() => telops.reset(row.cueStart)} data-testid="telop-reset">
          Reset
        </button>
      </div>
      <textarea
        className="telop-text"
        value={row.text}
        rows={1}
        spellCheck={false}
        aria-label={`Telop at ${formatTime(row.start, true)}`}
        aria-invalid={empty}
        onFocus={onSelect}
        onChange={(e) => telops.change(row.cueStart, { text: e.target.value })}
        onBlur={() => telops.flush()}
        onKeyDown={(e) => {
          if (e.key === 'Escape') e.currentTarget.blur();
        }}
        data-testid="telop-text"
      />
      {empty ? <span className="small telop-hint">A telop needs text: hide the cue instead.</span> : null}
    </li>
  );
}
