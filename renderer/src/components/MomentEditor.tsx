import { useEffect, useState } from 'react';
import type { MomentView } from '../../../core/app/views';
import { formatTimecode, parseTimecode } from '../timecode';
import type { TimeRange } from './Timeline';

/** One frame for the nudges: the app does not know each video's rate, so the common 30 fps. */
export const FRAME_S = 1 / 30;

interface Props {
  moment: MomentView | null;
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
function TimecodeField({ label, value, testId, onCommit }: { label: string; value: number; testId: string; onCommit: (t: number) => void }) {
  const [text, setText] = useState(formatTimecode(value));
  const [bad, setBad] = useState(false);
  useEffect(() => {
    setText(formatTimecode(value));
    setBad(false);
  }, [value]);
  const commit = () => {
    const t = parseTimecode(text);
    if (t === null) {
      setBad(true);
      return;
    }
    setBad(false);
    setText(formatTimecode(t));
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
            setText(formatTimecode(value));
            setBad(false);
          }
        }}
        data-testid={testId}
      />
    </label>
  );
}

function Nudges({ edge, value, onEdit }: { edge: 'start' | 'end'; value: number; onEdit: Props['onEdit'] }) {
  const steps: [string, number, string][] = [
    ['−1s', -1, '1 second earlier'],
    ['−1f', -FRAME_S, '1 frame earlier'],
    ['+1f', FRAME_S, '1 frame later'],
    ['+1s', 1, '1 second later'],
  ];
  return (
    <span className="nudges">
      {steps.map(([label, step, title]) => (
        <button
          key={label}
          type="button"
          className="ghost nudge"
          title={`${edge === 'start' ? 'In' : 'Out'} ${title}`}
          onClick={() => onEdit({ [edge]: Math.max(0, Math.round((value + step) * 1000) / 1000) })}
          data-testid={`nudge-${edge === 'start' ? 'in' : 'out'}-${label.replace('−', 'minus-').replace('+', 'plus-')}`}
        >
          {label}
        </button>
      ))}
    </span>
  );
}

/** Under the timeline: the selected moment's in / out (typed or nudged), play it, add / split / delete, undo / redo. */
export function MomentEditor({ moment, durationS, selection, history, playing, onEdit, onPlayMoment, onAdd, onSplit, onDelete, onUndo, onRedo }: Props) {
  return (
    <div className="moment-editor row small" data-testid="moment-editor">
      {moment ? (
        <>
          <strong data-testid="editor-rank">#{moment.rank}</strong>
          <TimecodeField label="In" value={moment.start} testId="moment-in" onCommit={(start) => onEdit({ start: Math.min(start, durationS) })} />
          <Nudges edge="start" value={moment.start} onEdit={onEdit} />
          <TimecodeField label="Out" value={moment.end} testId="moment-out" onCommit={(end) => onEdit({ end: Math.min(end, durationS) })} />
          <Nudges edge="end" value={moment.end} onEdit={onEdit} />
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
