import type { SignalLane } from '../../../core/app/views';
import { formatTime } from '../format';
import { LANE_MEANING, SIGNAL_LABEL } from '../signal-labels';

interface Props {
  lanes: SignalLane[];
  /** Seconds the timeline spans: every lane is drawn on this axis, like the moments above. */
  span: number;
  /** The part of the axis shown (the timeline's zoom); the whole video when absent. */
  view?: { start: number; end: number };
  /** The selected moment's window, shaded across the lanes. */
  band: { start: number; end: number } | null;
}

/** Bar heights leave a little room at the top so a peak does not touch the next lane. */
const FULL = 88;

/**
 * Counts (mentions, reacting chatters) as bars on a square-root scale: in a strip this thin one
 * huge peak would otherwise flatten every smaller burst to nothing.
 */
function Bars({ lane }: { lane: SignalLane }) {
  return (
    <>
      {lane.values.map((value, i) => {
        if (value <= 0) return null;
        const height = Math.max(6, Math.sqrt(Math.min(value, lane.max) / lane.max) * FULL);
        return <rect key={i} x={i * lane.binS} width={lane.binS * 0.85} y={100 - height} height={height} />;
      })}
    </>
  );
}

/** "Most replayed" as YouTube draws it: a filled curve through the middle of each bin. */
function Area({ lane, span }: { lane: SignalLane; span: number }) {
  const points = lane.values.map((value, i) => `L ${(i + 0.5) * lane.binS} ${100 - (Math.min(value, lane.max) / lane.max) * FULL}`);
  return <path d={`M 0 100 ${points.join(' ')} L ${span} 100 Z`} />;
}

/** A tick per caption tag, a few pixels wide whatever the video's length. */
function Ticks({ lane, visible }: { lane: SignalLane; visible: number }) {
  const width = visible / 400;
  return (
    <>
      {(lane.marks ?? []).map((mark, i) => (
        <rect key={i} x={mark.t - width / 2} width={width} y={16} height={84}>
          <title>{`${formatTime(mark.t)} ${mark.label}`}</title>
        </rect>
      ))}
    </>
  );
}

/** One thin strip per viewer signal under the moments, on the same time axis. */
export function SignalLanes({ lanes, span, view, band }: Props) {
  if (lanes.length === 0) return null;
  const from = view?.start ?? 0;
  const visible = Math.max(1e-3, (view?.end ?? span) - from);
  const pct = (t: number) => ((Math.min(span, Math.max(0, t)) - from) / visible) * 100;
  return (
    <div className="lanes" data-testid="signal-lanes">
      {band ? <div className="lanes-band" style={{ left: `${pct(band.start)}%`, width: `${pct(band.end) - pct(band.start)}%` }} /> : null}
      {lanes.map((lane) => (
        <div
          key={lane.signal}
          className={`lane lane-${lane.signal}`}
          data-testid={`lane-${lane.signal}`}
          title={`${SIGNAL_LABEL[lane.signal]}: ${LANE_MEANING[lane.signal]}`}
        >
          <svg viewBox={`${from} 0 ${visible} 100`} preserveAspectRatio="none" aria-hidden="true">
            {lane.signal === 'heatmap' ? <Area lane={lane} span={span} /> : lane.signal === 'captions' ? <Ticks lane={lane} visible={visible} /> : <Bars lane={lane} />}
          </svg>
          <span className="lane-label">{SIGNAL_LABEL[lane.signal]}</span>
        </div>
      ))}
    </div>
  );
}
