import { useEffect, useState } from 'react';
import type { MomentView } from '../../../core/app/views';
import { formatFrameTimecode, formatTimecode, frameAt, parseTimecode, stepFrames } from '../timecode';
import type { TimeRange } from './Timeline';

/** The frame rate nudges step by when the video's is unknown. */
export const FALLBACK_FPS = 30;

/** One nudge of an in or out point: whole frames, or seconds (kept on the frame grid). */
export function nudged(t: number, step: { frames: number } | { seconds: number }, fps: number): number {
  if ('frames' in step) return stepFrames(t, step.frames, fps);
  return stepFrames(t + step.seconds, 0, fps);
}

interface Props {
  moment: MomentView | null;
  /** The video's frames per second (null: unknown, nudges step 1/30 s). */
  fps: number | null;
  durationS: number;
  selection: TimeRange | null;
  history: { undo: number; redo: number };
  playing: boolean;
  onEdit: (change: { start?: number; end?: number }) => void;
  onPlayMoment: () => void;
  onAdd: () => void;
  onSplit: () => void;
  onDelete: () => void;
  onUndo: () => void;
  onRedo: () => void;
}

/** A typed in or out point: committed on Enter or leaving the field, refused (and marked) when it is not a time. */
function TimecodeField({ label, value, fps, testId, onCommit }: { label: string; value: number; fps: number | null; testId: string; onCommit: (t: number) => void }) {
  const format = fps ? formatFrameTimecode : formatTimecode;
  const [text, setText] = useState(format(value));
  const [bad, setBad] = useState(false);
  useEffect(() => {
    setText(format(value));
    setBad(false);
  }, [value, format]);
  const commit = () => {
    const t = parseTimecode(text);
    if (t === null) {
      setBad(true);
      return;
    }
    setBad(false);
    setText(format(t));
    if (Math.abs(t - value) > 0.0005) onCommit(t);
  };
  return (
    <label className="timecode">
      <span className="muted small">{label}</span>
      <input
        type="text"
        inputMode="decimal"
        value={text}
        aria-invalid={bad}
        title="m:ss.cc, h:mm:ss or seconds"
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          else if (e.key === 'Escape') {
            setText(format(value));
            setBad(false);
          }
        }}
        data-testid={testId}
      />
      {fps ? <span className="muted small frame-number" data-testid={`${testId}-frame`} title={`${fps} fps`}>f{frameAt(value, fps)}</span> : null}
    </label>
  );
}

function Nudges({ edge, value, fps, onEdit }: { edge: 'start' | 'end'; value: number; fps: number; onEdit: Props['onEdit'] }) {
  const keys = edge === 'start' ? ['Shift+[', '[', ']', 'Shift+]'] : ['Shift+,', ',', '.', 'Shift+.'];
  const steps: [string, { frames: number } | { seconds: number }, string][] = [
    ['−1s', { seconds: -1 }, `1 second earlier (${keys[0]})`],
    ['−1f', { frames: -1 }, `1 frame earlier (${keys[1]})`],
    ['+1f', { frames: 1 }, `1 frame later (${keys[2]})`],
    ['+1s', { seconds: 1 }, `1 second later (${keys[3]})`],
  ];
  return (
    <span className="nudges">
      {steps.map(([label, step, title]) => (
        <button
          key={label}
          type="button"
          className="ghost nudge"
          title={`${edge === 'start' ? 'In' : 'Out'} ${title}`}
          onClick={() => onEdit({ [edge]: nudged(value, step, fps) })}
          data-testid={`nudge-${edge === 'start' ? 'in' : 'out'}-${label.replace('−', 'minus-').replace('+', 'plus-')}`}
        >
          {label}
        </button>
      ))}
    </span>
  );
}

/** Under the timeline: the selected moment's in / out (typed or nudged), play it, add / split / delete, undo / redo. */
export function MomentEditor({ moment, fps, durationS, selection, history, playing, onEdit, onPlayMoment, onAdd, onSplit, onDelete, onUndo, onRedo }: Props) {
  return (
    <div className="moment-editor row small" data-testid="moment-editor">
      {moment ? (
        <>
          <strong data-testid="editor-rank">#{moment.rank}</strong>
          <TimecodeField label="In" value={moment.start} fps={fps} testId="moment-in" onCommit={(start) => onEdit({ start: Math.min(start, durationS) })} />
          <Nudges edge="start" value={moment.start} fps={fps ?? FALLBACK_FPS} onEdit={onEdit} />
          <TimecodeField label="Out" value={moment.end} fps={fps} testId="moment-out" onCommit={(end) => onEdit({ end: Math.min(end, durationS) })} />
          <Nudges edge="end" value={moment.end} fps={fps ?? FALLBACK_FPS} onEdit={onEdit} />
          <button type="button" onClick={onPlayMoment} title="Play from the in point, stop at the out point (P)" data-testid="play-moment">
            {playing ? 'Stop' : '▶ Play moment'}
          </button>
          <button type="button" className="ghost" onClick={onSplit} title="Split the moment at the playhead (S)" data-testid="split-moment">Split</button>
          <button type="button" className="ghost" onClick={onDelete} title="Delete the moment (Delete)" data-testid="delete-moment">Delete</button>
        </>
      ) : (
        <span className="muted">No moment selected: drag on the ruler to select a range, then add it.</span>
      )}
      <span className="spacer" />
      <button type="button" onClick={onAdd} title={selection ? 'Add the selected range as a moment (A)' : 'Add a 10 s moment at the playhead (A)'} data-testid="add-moment">
        + Add moment
      </button>
      <button type="button" className="ghost" onClick={onUndo} disabled={history.undo === 0} title="Undo (Ctrl+Z)" data-testid="undo">Undo</button>
      <button type="button" className="ghost" onClick={onRedo} disabled={history.redo === 0} title="Redo (Ctrl+Shift+Z)" data-testid="redo">Redo</button>
    </div>
  );
}
