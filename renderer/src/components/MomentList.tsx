import type { MomentView } from '../../../core/app/views';
import { formatTime } from '../format';

interface Props {
  moments: MomentView[];
  selectedRank: number | null;
  onSelect: (moment: MomentView) => void;
  onSeek: (t: number) => void;
  onToggle: (moment: MomentView, enabled: boolean) => void;
}

/** The ranked moments; the selected one shows the comments that point at it (click to seek). */
export function MomentList({ moments, selectedRank, onSelect, onSeek, onToggle }: Props) {
  if (moments.length === 0) return <p className="muted">No moments.</p>;
  return (
    <ol className="moments" data-testid="moment-list">
      {moments.map((moment) => (
        <li key={moment.rank} className={`moment${selectedRank === moment.rank ? ' selected' : ''}${moment.enabled ? '' : ' off'}`} data-testid={`moment-${moment.rank}`}>
          <div className="moment-row">
            <input
              type="checkbox"
              checked={moment.enabled}
              onChange={(e) => onToggle(moment, e.target.checked)}
              aria-label={`Use moment ${moment.rank}`}
              data-testid={`toggle-${moment.rank}`}
            />
            <button type="button" className="moment-main" onClick={() => onSelect(moment)} data-testid={`moment-open-${moment.rank}`}>
              <span className="rank">#{moment.rank}</span>
              <span className="window" data-testid={`window-${moment.rank}`}>
                {formatTime(moment.start, true)} – {formatTime(moment.end, true)}
              </span>
              <span className="muted small">
                {moment.mentions} mentions · score {moment.score.toFixed(1)}
                {moment.edited ? ' · edited' : ''}
              </span>
            </button>
          </div>
          {selectedRank === moment.rank ? (
            <ul className="comments" data-testid="backing-comments">
              {moment.comments.slice(0, 12).map((comment) => (
                <li key={comment.id}>
                  <button type="button" className="comment" onClick={() => onSeek(comment.t)} data-testid="backing-comment">
                    <span className="comment-time">{formatTime(comment.t)}</span>
                    <span className="comment-text">{comment.text}</span>
                    <span className="muted small">♥ {comment.likes}</span>
                  </button>
                </li>
              ))}
            </ul>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
