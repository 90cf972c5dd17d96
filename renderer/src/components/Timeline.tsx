import { useRef, useState, type PointerEvent } from 'react';
import type { MomentView, ProjectView } from '../../../core/app/views';
import { formatTime } from '../format';
import { SignalLanes } from './SignalLanes';

interface Props {
  project: ProjectView;
  durationS: number;
  currentTime: number;
  selectedRank: number | null;
  onSeek: (t: number) => void;
  onSelect: (rank: number) => void;
  onEdit: (rank: number, window: { start: number; end: number }) => void;
}

type Drag = { rank: number; edge: 'start' | 'end'; start: number; end: number };

/** The whole video: moments as draggable ranges, one lane per viewer signal under them, the playhead. */
export function Timeline({ project, durationS, currentTime, selectedRank, onSeek, onSelect, onEdit }: Props) {
  const track = useRef<HTMLDivElement>(null);
  const [drag, setDrag] = useState<Drag | null>(null);
  const span = Math.max(durationS, 1);
  const toTime = (clientX: number): number => {
    const box = track.current?.getBoundingClientRect();
    if (!box) return 0;
    return Math.min(span, Math.max(0, ((clientX - box.left) / box.width) * span));
  };
  const pct = (t: number) => `${(Math.min(span, Math.max(0, t)) / span) * 100}%`;

  const startDrag = (event: PointerEvent, moment: MomentView, edge: Drag['edge']) => {
    event.stopPropagation();
    event.currentTarget.setPointerCapture(event.pointerId);
    onSelect(moment.rank);
    setDrag({ rank: moment.rank, edge, start: moment.start, end: moment.end });
  };
  const moveDrag = (event: PointerEvent) => {
    if (!drag) return;
    const t = toTime(event.clientX);
    setDrag(drag.edge === 'start' ? { ...drag, start: Math.min(t, drag.end - 0.5) } : { ...drag, end: Math.max(t, drag.start + 0.5) });
  };
  const endDrag = () => {
    if (!drag) return;
    onEdit(drag.rank, { start: drag.start, end: drag.end });
    setDrag(null);
  };

  const selected = project.moments.find((m) => m.rank === selectedRank);
  const band = selected ? (drag?.rank === selected.rank ? drag : selected) : null;
  return (
    <div className="timeline" data-testid="timeline">
      <div className="timeline-body" ref={track} onPointerDown={(e) => onSeek(toTime(e.clientX))} onPointerMove={moveDrag} onPointerUp={endDrag}>
        <div className="timeline-track">
          {project.moments.map((moment) => {
            const live = drag?.rank === moment.rank ? drag : moment;
            return (
              <div
                key={moment.rank}
                className={`range${moment.enabled ? '' : ' off'}${selectedRank === moment.rank ? ' selected' : ''}`}
                style={{ left: pct(live.start), width: `calc(${pct(live.end)} - ${pct(live.start)})` }}
                data-testid={`range-${moment.rank}`}
                title={`#${moment.rank} ${formatTime(live.start, true)}–${formatTime(live.end, true)}`}
                onPointerDown={(e) => {
                  e.stopPropagation();
                  onSelect(moment.rank);
                  onSeek(moment.start);
                }}
              >
                <span className="range-label">{moment.rank}</span>
                <span className="handle handle-in" data-testid={`handle-in-${moment.rank}`} onPointerDown={(e) => startDrag(e, moment, 'start')} />
                <span className="handle handle-out" data-testid={`handle-out-${moment.rank}`} onPointerDown={(e) => startDrag(e, moment, 'end')} />
              </div>
            );
          })}
        </div>
        <SignalLanes lanes={project.lanes} span={span} band={band} />
        <div className="playhead" style={{ left: pct(currentTime) }} />
      </div>
      <div className="timeline-scale muted small">
        <span>0:00</span>
        <span>{drag ? `#${drag.rank} ${formatTime(drag.start, true)} – ${formatTime(drag.end, true)}` : formatTime(currentTime, true)}</span>
        <span>{formatTime(durationS)}</span>
      </div>
    </div>
  );
}
