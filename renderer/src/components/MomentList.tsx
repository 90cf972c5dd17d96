import type { MomentView, SignalName } from '../../../core/app/views';
import { formatTime } from '../format';
import { CHAT_KIND_LABEL, SIGNAL_LABEL } from '../signal-labels';

interface Props {
  moments: MomentView[];
  selectedRank: number | null;
  onSelect: (moment: MomentView) => void;
  onSeek: (t: number) => void;
  onToggle: (moment: MomentView, enabled: boolean) => void;
}

/** The signals that found a moment, each with a few words of why, in the lanes' order. */
function badges(moment: MomentView): { signal: SignalName; text: string }[] {
  const { comments, chat, heatmap, captions } = moment.signals;
  const out: { signal: SignalName; text: string }[] = [];
  // a moment of a project made before the signals has comments alone, without their evidence
  const mentions = comments?.mentions ?? (Object.keys(moment.signals).length === 0 ? moment.mentions : 0);
  if (mentions > 0) out.push({ signal: 'comments', text: `${SIGNAL_LABEL.comments} ${mentions}` });
  if (chat) out.push({ signal: 'chat', text: `${SIGNAL_LABEL.chat} · ${CHAT_KIND_LABEL[chat.kind]}` });
  if (heatmap) out.push({ signal: 'heatmap', text: `${SIGNAL_LABEL.heatmap} ${Math.round(heatmap.peak * 100)}%` });
  if (captions && captions.tags.length > 0) {
    const more = captions.tags.length > 1 ? ` +${captions.tags.length - 1}` : '';
    out.push({ signal: 'captions', text: `${SIGNAL_LABEL.captions} ${captions.tags[0]}${more}` });
  }
  return out;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** What the selected moment rests on: what the chat said (short, so first) and the comments that point at it (click to seek). */
function MomentPanel({ moment, onSeek }: { moment: MomentView; onSeek: (t: number) => void }) {
  const { chat, captions } = moment.signals;
  const comments = moment.comments.slice(0, 12);
  return (
    <div className="moment-panel" data-testid="moment-panel">
      {chat ? (
        <div className="chat-evidence" data-testid="chat-evidence">
          <p className="panel-head" title={`${plural(chat.reactions, 'reaction')} in ${plural(chat.messages, 'message')} by ${plural(chat.chatters, 'chatter')}`}>
            {SIGNAL_LABEL.chat} · <span className="chat-kind" data-testid="chat-kind">{CHAT_KIND_LABEL[chat.kind]}</span>
            <span className="muted"> · {plural(chat.chatters, 'chatter')} · {plural(chat.reactions, 'reaction')}</span>
          </p>
          {chat.topMessages.length > 0 ? (
            <ul className="chat-messages">
              {chat.topMessages.map((message, i) => (
                <li key={i} className="chat-message" data-testid="chat-message">
                  <span className="chat-text">{message.text}</span>
                  <span className="chat-count">×{message.count}</span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      {comments.length > 0 ? (
        <>
          {chat ? <p className="panel-head">{SIGNAL_LABEL.comments}</p> : null}
          <ul className="comments" data-testid="backing-comments">
            {comments.map((comment) => (
              <li key={comment.id}>
                <button type="button" className="comment" onClick={() => onSeek(comment.t)} data-testid="backing-comment">
                  <span className="comment-time">{formatTime(comment.t)}</span>
                  <span className="comment-text">{comment.text}</span>
                  <span className="muted small">♥ {comment.likes}</span>
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {captions && captions.tags.length > 0 ? (
        <p className="panel-head" data-testid="caption-tags">
          {SIGNAL_LABEL.captions} · <span className="caption-tags">{captions.tags.join(' ')}</span>
        </p>
      ) : null}
    </div>
  );
}

/** The ranked moments with the signals that found each; the selected one shows its evidence. */
export function MomentList({ moments, selectedRank, onSelect, onSeek, onToggle }: Props) {
  if (moments.length === 0) return <p className="muted">No moments.</p>;
  return (
    <ol className="moments" data-testid="moment-list">
      {moments.map((moment) => {
        const found = badges(moment);
        return (
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
                  {moment.mentions > 0 ? `${plural(moment.mentions, 'mention')} · ` : ''}score {moment.score.toFixed(1)}
                  {moment.edited ? ' · edited' : ''}
                </span>
                {found.length > 0 ? (
                  <span className="signal-badges" data-testid={`signals-${moment.rank}`}>
                    {found.map((badge) => (
                      <span key={badge.signal} className={`badge badge-${badge.signal}`} data-signal={badge.signal}>{badge.text}</span>
                    ))}
                  </span>
                ) : null}
              </button>
            </div>
            {selectedRank === moment.rank ? <MomentPanel moment={moment} onSeek={onSeek} /> : null}
          </li>
        );
      })}
    </ol>
  );
}
