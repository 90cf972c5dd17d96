import { useEffect, useState } from 'react';
import type { MediaRef, TimelineMediaView } from '../../../core/app/views';
import { call } from '../api/call';

interface Props {
  videoId: string;
  /** The project's video, or null: without one there is nothing to draw. */
  video: MediaRef | null;
  span: number;
  view: { start: number; end: number };
}

/** The height a thumbnail is drawn at (the lane's height less its borders), in CSS pixels. */
const THUMB_H = 32;

/** Loud parts stand out at a glance: the waveform's bars on a square-root scale, like the count lanes. */
function wavePath(values: number[], binS: number): string {
  const top = values.map((v, i) => `L ${i * binS} ${-Math.sqrt(v)} L ${(i + 1) * binS} ${-Math.sqrt(v)}`);
  const bottom = values.map((v, i) => `L ${(i + 1) * binS} ${Math.sqrt(v)} L ${i * binS} ${Math.sqrt(v)}`).reverse();
  return `M 0 0 ${top.join(' ')} ${bottom.join(' ')} Z`;
}

/**
 * The video itself on the timeline's axis: a strip of thumbnails and the audio waveform, made by
 * the core once per video (getTimelineMedia) and drawn on the same zoomed axis as the moments.
 */
export function MediaLanes({ videoId, video, span, view }: Props) {
  const [media, setMedia] = useState<TimelineMediaView | null>(null);
  const videoKey = video ? `${video.videoId}/${video.rel}` : '';
  useEffect(() => {
    setMedia(null);
    if (!videoKey) return;
    let live = true;
    call('getTimelineMedia', { videoId })
      .then((view) => live && setMedia(view))
      .catch(() => live && setMedia({ waveform: null, strip: null, notes: ['The waveform and thumbnails could not be made.'] }));
    return () => {
      live = false;
    };
  }, [videoId, videoKey]);
  if (!video) return null;
  const length = Math.max(1e-3, view.end - view.start);
  const pct = (t: number) => ((t - view.start) / length) * 100;
  const strip = media?.strip ?? null;
  const frameS = strip ? strip.durationS / strip.count : 0;
  const frameW = strip ? (strip.frameWidth * THUMB_H) / strip.frameHeight : 0;
  return (
    <div className="media-lanes" data-testid="media-lanes" data-state={media ? 'ready' : 'loading'} title={media?.notes.join(' ') || undefined}>
      <div className="lane lane-thumbnails" data-testid="media-thumbnails">
        {strip
          ? Array.from({ length: strip.count }, (_, i) => i)
              .filter((i) => (i + 1) * frameS >= view.start && i * frameS <= view.end)
              .map((i) => (
                <span
                  key={i}
                  className="thumb"
                  data-testid="thumb"
                  data-t={(i * frameS).toFixed(2)}
                  style={{
                    left: `${pct(i * frameS)}%`,
                    width: `${(frameS / length) * 100}%`,
                    backgroundImage: `url("${window.kirinuki.mediaUrl(strip.ref)}")`,
                    // each frame at its own aspect, the lane's height: cut on the right when its slot is narrower
                    backgroundSize: `${strip.count * frameW}px ${THUMB_H}px`,
                    backgroundPosition: `${-i * frameW}px 0`,
                  }}
                />
              ))
          : null}
        <span className="lane-label">{media ? (strip ? 'Pictures' : 'No pictures') : 'Making thumbnails…'}</span>
      </div>
      <div className="lane lane-waveform" data-testid="media-waveform">
        {media?.waveform ? (
          <svg viewBox={`${view.start} -1 ${length} 2`} preserveAspectRatio="none" aria-hidden="true">
            <path d={wavePath(media.waveform.values, media.waveform.binS)} />
            <line x1={0} x2={span} y1={0} y2={0} />
          </svg>
        ) : null}
        <span className="lane-label">{media ? (media.waveform ? 'Sound' : 'No sound') : 'Reading the sound…'}</span>
      </div>
    </div>
  );
}
