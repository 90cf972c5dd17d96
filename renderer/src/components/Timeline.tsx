import { useCallback, useEffect, useLayoutEffect, useRef, useState, type PointerEvent } from 'react';
import type { MomentView, ProjectView } from '../../../core/app/views';
import { formatTime } from '../format';
import { formatTimecode, tickStep } from '../timecode';
import { MediaLanes } from './MediaLanes';
import { SignalLanes } from './SignalLanes';

export interface TimeRange {
  start: number;
  end: number;
}

interface Props {
  project: ProjectView;
  durationS: number;
  currentTime: number;
  selectedRank: number | null;
  /** A range dragged out on the ruler, for "add moment"; null when there is none. */
  selection: TimeRange | null;
  onSelection: (range: TimeRange | null) => void;
  onSeek: (t: number) => void;
  onSelect: (rank: number) => void;
  onEdit: (rank: number, window: TimeRange) => void;
}

type Gesture =
  | { kind: 'edge'; rank: number; edge: 'start' | 'end'; start: number; end: number }
  | { kind: 'scrub' }
  | { kind: 'select'; from: number; to: number };

/** The narrowest view the zoom goes to, in seconds. */
const MIN_VIEW_S = 2;
/** Each + / - (or wheel notch) zooms by this factor. */
const ZOOM_STEP = 1.5;
/** A drag on the ruler shorter than this is a click (a seek), not a selection. */
const MIN_SELECTION_S = 0.2;

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || target.isContentEditable);
}

/**
 * The video on a zoomable time axis: a ruler with ticks (drag on it to select a range), the
 * moments as ranges with draggable edges, one lane per viewer signal on the same axis, the
 * playhead. Click or drag anywhere else to scrub. Ctrl/⌘ + wheel or + / - zoom, F fits the
 * selected moment, 0 shows the whole video; the wheel pans a zoomed view.
 */
export function Timeline({ project, durationS, currentTime, selectedRank, selection, onSelection, onSeek, onSelect, onEdit }: Props) {
  const track = useRef<HTMLDivElement>(null);
  const [gesture, setGesture] = useState<Gesture | null>(null);
  const span = Math.max(durationS, 1);
  const [view, setView] = useState<TimeRange>({ start: 0, end: span });
  const [width, setWidth] = useState(800);
  const length = view.end - view.start;
  const zoomed = length < span - 1e-6;

  // a new video (or a duration known late) shows the whole of it
  useEffect(() => setView({ start: 0, end: span }), [project.videoId, span]);

  useLayoutEffect(() => {
    const element = track.current;
    if (!element) return;
    const measure = () => setWidth(element.getBoundingClientRect().width || 800);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const fit = useCallback(
    (start: number, end: number): TimeRange => {
      const len = Math.min(span, Math.max(MIN_VIEW_S, end - start));
      const from = Math.min(Math.max(0, start), span - len);
      return { start: from, end: from + len };
    },
    [span],
  );
  const zoomBy = useCallback(
    (factor: number, anchor?: number) => {
      setView((current) => {
        const len = current.end - current.start;
        const at = anchor ?? Math.min(current.end, Math.max(current.start, currentTime));
        const next = Math.min(span, Math.max(MIN_VIEW_S, len * factor));
        return fit(at - (at - current.start) * (next / len), at - (at - current.start) * (next / len) + next);
      });
    },
    [currentTime, fit, span],
  );
  const selected = project.moments.find((m) => m.rank === selectedRank) ?? null;
  const fitMoment = useCallback(() => {
    if (!selected) return;
    const pad = Math.max(0.5, (selected.end - selected.start) * 0.1);
    setView(fit(selected.start - pad, selected.end + pad));
  }, [fit, selected]);
  const whole = useCallback(() => setView({ start: 0, end: span }), [span]);

  // + / - zoom around the playhead, F fits the selected moment, 0 shows the whole video
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (isTyping(event.target) || event.ctrlKey || event.metaKey || event.altKey) return;
      if (event.key === '+' || event.key === '=') zoomBy(1 / ZOOM_STEP);
      else if (event.key === '-' || event.key === '_') zoomBy(ZOOM_STEP);
      else if (event.key.toLowerCase() === 'f') fitMoment();
      else if (event.key === '0') whole();
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [fitMoment, whole, zoomBy]);

  const toTime = useCallback(
    (clientX: number): number => {
      const box = track.current?.getBoundingClientRect();
      if (!box || box.width === 0) return 0;
      return Math.min(span, Math.max(0, view.start + ((clientX - box.left) / box.width) * (view.end - view.start)));
    },
    [span, view],
  );

  // Ctrl/⌘ + wheel zooms around the pointer; the wheel alone pans a zoomed view (React's wheel listener is passive)
  useEffect(() => {
    const element = track.current;
    if (!element) return;
    const onWheel = (event: WheelEvent) => {
      if (event.ctrlKey || event.metaKey) {
        event.preventDefault();
        zoomBy(event.deltaY < 0 ? 1 / ZOOM_STEP : ZOOM_STEP, toTime(event.clientX));
      } else if (zoomed) {
        event.preventDefault();
        const delta = (Math.abs(event.deltaX) > Math.abs(event.deltaY) ? event.deltaX : event.deltaY) / Math.max(1, width);
        setView((current) => fit(current.start + delta * (current.end - current.start), current.end + delta * (current.end - current.start)));
      }
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [fit, toTime, width, zoomBy, zoomed]);

  // a zoomed view follows the playhead when playback (or a seek) leaves it; zooming away from it does not
  const scrubbing = gesture !== null;
  useEffect(() => {
    if (scrubbing) return;
    setView((current) => {
      const len = current.end - current.start;
      if (len >= span - 1e-6 || (currentTime >= current.start && currentTime <= current.end)) return current;
      return fit(currentTime - len * 0.1, currentTime + len * 0.9);
    });
    // only a move of the playhead (not a zoom) moves the view: the view is read in the updater
  }, [currentTime]);

  const pct = (t: number) => `${((Math.min(span, Math.max(0, t)) - view.start) / length) * 100}%`;
  const widthPct = (a: number, b: number) => `${((Math.min(span, b) - Math.max(0, a)) / length) * 100}%`;

  const capture = (event: PointerEvent) => track.current?.setPointerCapture(event.pointerId);
  const startEdge = (event: PointerEvent, moment: MomentView, edge: 'start' | 'end') => {
    event.stopPropagation();
    capture(event);
    onSelect(moment.rank);
    setGesture({ kind: 'edge', rank: moment.rank, edge, start: moment.start, end: moment.end });
  };
  const down = (event: PointerEvent) => {
    if (event.button !== 0) return;
    capture(event);
    const t = toTime(event.clientX);
    if ((event.target as HTMLElement).closest('.ruler')) {
      setGesture({ kind: 'select', from: t, to: t });
      return;
    }
    const range = (event.target as HTMLElement).closest<HTMLElement>('.range');
    if (range?.dataset.rank) onSelect(Number(range.dataset.rank));
    setGesture({ kind: 'scrub' });
    onSeek(t);
  };
  const move = (event: PointerEvent) => {
    if (!gesture) return;
    const t = toTime(event.clientX);
    if (gesture.kind === 'scrub') onSeek(t);
    else if (gesture.kind === 'select') setGesture({ ...gesture, to: t });
    else setGesture(gesture.edge === 'start' ? { ...gesture, start: Math.min(t, gesture.end - 0.5) } : { ...gesture, end: Math.max(t, gesture.start + 0.5) });
  };
  const up = () => {
    if (!gesture) return;
    if (gesture.kind === 'edge') onEdit(gesture.rank, { start: gesture.start, end: gesture.end });
    else if (gesture.kind === 'select') {
      const start = Math.min(gesture.from, gesture.to);
      const end = Math.max(gesture.from, gesture.to);
      if (end - start < MIN_SELECTION_S) {
        onSelection(null);
        onSeek(gesture.from);
      } else onSelection({ start, end });
    }
    setGesture(null);
  };

  const edge = gesture?.kind === 'edge' ? gesture : null;
  const shownSelection = gesture?.kind === 'select' ? { start: Math.min(gesture.from, gesture.to), end: Math.max(gesture.from, gesture.to) } : selection;
  const band = selected ? (edge?.rank === selected.rank ? edge : selected) : null;
  const step = tickStep(length, Math.max(3, width / 64));
  const ticks: number[] = [];
  for (let t = Math.ceil(view.start / step) * step; t <= view.end + 1e-9 && ticks.length < 400; t += step) ticks.push(Math.round(t * 1000) / 1000);
  const tickLabel = (t: number) => (step < 0.1 ? formatTimecode(t) : step < 1 ? formatTime(t, true) : formatTime(t));

  return (
    <div className="timeline" data-testid="timeline" data-view-start={view.start.toFixed(3)} data-view-end={view.end.toFixed(3)}>
      <div className="timeline-tools row small">
        <button type="button" className="ghost" onClick={() => zoomBy(ZOOM_STEP)} disabled={!zoomed} title="Zoom out (-)" aria-label="Zoom out" data-testid="zoom-out">−</button>
        <button type="button" className="ghost" onClick={() => zoomBy(1 / ZOOM_STEP)} disabled={length <= MIN_VIEW_S + 1e-6} title="Zoom in (+)" aria-label="Zoom in" data-testid="zoom-in">+</button>
        <button type="button" className="ghost" onClick={fitMoment} disabled={!selected} title="Fit the selected moment (F)" data-testid="zoom-fit">Fit moment</button>
        <button type="button" className="ghost" onClick={whole} disabled={!zoomed} title="Whole video (0)" data-testid="zoom-whole">Whole video</button>
        <span className="muted" data-testid="zoom-level">{zoomed ? `${formatTime(view.start, true)} – ${formatTime(view.end, true)} (×${(span / length).toFixed(1)})` : ''}</span>
      </div>
      <div className="timeline-body" ref={track} onPointerDown={down} onPointerMove={move} onPointerUp={up} onPointerCancel={() => setGesture(null)}>
        <div className="ruler" data-testid="timeline-ruler" title="Drag to select a range for a new moment; click to seek">
          {ticks.map((t) => (
            <span key={t} className="tick" style={{ left: pct(t) }}>
              <span className="tick-label">{tickLabel(t)}</span>
            </span>
          ))}
        </div>
        <div className="timeline-track">
          {project.moments.map((moment) => {
            const live = edge?.rank === moment.rank ? edge : moment;
            if (live.end < view.start || live.start > view.end) return null;
            return (
              <div
                key={moment.rank}
                className={`range${moment.enabled ? '' : ' off'}${moment.added ? ' added' : ''}${selectedRank === moment.rank ? ' selected' : ''}`}
                style={{ left: pct(live.start), width: widthPct(live.start, live.end) }}
                data-testid={`range-${moment.rank}`}
                data-rank={moment.rank}
                title={`#${moment.rank} ${formatTime(live.start, true)}–${formatTime(live.end, true)}${moment.added ? ' (added by hand)' : ''}`}
              >
                <span className="range-label">{moment.rank}</span>
                <span className="handle handle-in" data-testid={`handle-in-${moment.rank}`} onPointerDown={(e) => startEdge(e, moment, 'start')} />
                <span className="handle handle-out" data-testid={`handle-out-${moment.rank}`} onPointerDown={(e) => startEdge(e, moment, 'end')} />
              </div>
            );
          })}
        </div>
        <MediaLanes videoId={project.videoId} video={project.video} span={span} view={view} />
        <SignalLanes lanes={project.lanes} span={span} view={view} band={band} />
        {shownSelection ? <div className="timeline-selection" data-testid="timeline-selection" style={{ left: pct(shownSelection.start), width: widthPct(shownSelection.start, shownSelection.end) }} /> : null}
        {currentTime >= view.start && currentTime <= view.end ? <div className="playhead" data-testid="playhead" style={{ left: pct(currentTime) }} /> : null}
      </div>
      <div className="timeline-scale muted small">
        <span>{formatTime(view.start, zoomed)}</span>
        <span data-testid="timeline-status">
          {edge
            ? `#${edge.rank} ${formatTime(edge.start, true)} – ${formatTime(edge.end, true)}`
            : shownSelection
              ? `selected ${formatTime(shownSelection.start, true)} – ${formatTime(shownSelection.end, true)} · A adds it as a moment`
              : formatTime(currentTime, true)}
        </span>
        <span>{formatTime(view.end, zoomed)}</span>
      </div>
    </div>
  );
}
