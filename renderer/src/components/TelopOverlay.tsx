import { useEffect, useState, type CSSProperties, type RefObject } from 'react';
import type { TelopsView } from '../../../core/app/views';
import type { Telop } from '../../../core/telops/telop';
import { loadTelopFont, TELOP_FONT_FAMILY } from '../fonts';

interface Props {
  video: RefObject<HTMLVideoElement | null>;
  view: TelopsView;
  /** Draw over a box of this size at its parent's corner (the portrait preview) instead of the 9:16 frame centred on the video. */
  box?: { width: number; height: number };
}

/** What is on screen at a time: the telop and the word being said (indexes), compared cheaply every frame. */
interface Showing {
  telop: number;
  word: number;
  /** Words already said (for styles that colour them). */
  said: number;
}

const NOTHING: Showing = { telop: -1, word: -1, said: 0 };

/** Telop times are whole milliseconds; the video's time minus the window's start is a float off by a hair. */
const EPSILON_S = 0.0005;

function showingAt(telops: Telop[], clipTime: number): Showing {
  const t = clipTime + EPSILON_S;
  const index = telops.findIndex((telop) => t >= telop.start && t < telop.end);
  if (index === -1) return NOTHING;
  const words = telops[index]?.words ?? [];
  return {
    telop: index,
    word: words.findIndex((word) => t >= word.start && t < word.end),
    said: words.filter((word) => word.end <= t).length,
  };
}

/** The video's picture inside the element (object-fit: contain) and the 9:16 frame of a short centred in it, in element pixels. */
function frameRect(video: HTMLVideoElement, frame: { width: number; height: number }) {
  const boxW = video.clientWidth;
  const boxH = video.clientHeight;
  const ratio = video.videoWidth > 0 && video.videoHeight > 0 ? video.videoWidth / video.videoHeight : 16 / 9;
  const picW = Math.min(boxW, boxH * ratio);
  const picH = picW / ratio;
  const aspect = frame.width / frame.height;
  const width = Math.min(picW, picH * aspect);
  const height = width / aspect;
  return { left: video.offsetLeft + (boxW - width) / 2, top: video.offsetTop + (boxH - height) / 2, width, height };
}

/**
 * The telops of the selected moment drawn over the player as a clip of it will show them: a 9:16
 * frame of the short centred on the picture, the lines at the band of the chosen style, the word
 * being said highlighted on word-timed tracks. Follows the video every animation frame while it
 * plays (and on seeks when paused); draws nothing outside the moment.
 */
export function TelopOverlay({ video, view, box: fixedBox }: Props) {
  const [showing, setShowing] = useState<Showing>(NOTHING);
  const [rect, setRect] = useState<ReturnType<typeof frameRect> | null>(null);
  const [fontReady, setFontReady] = useState(false);

  useEffect(() => {
    let live = true;
    // text laid out before its font arrives can stay as boxes: draw once the face is loaded
    void loadTelopFont().then(() => live && setFontReady(true));
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    let frame = 0;
    const update = () => {
      const next = showingAt(view.telops, element.currentTime - view.window.start);
      setShowing((current) => (current.telop === next.telop && current.word === next.word && current.said === next.said ? current : next));
    };
    const tick = () => {
      update();
      frame = element.paused ? 0 : requestAnimationFrame(tick);
    };
    const play = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(tick);
    };
    update();
    if (!element.paused) play();
    const events = ['timeupdate', 'seeked', 'seeking', 'pause'] as const;
    for (const name of events) element.addEventListener(name, update);
    element.addEventListener('play', play);
    return () => {
      cancelAnimationFrame(frame);
      for (const name of events) element.removeEventListener(name, update);
      element.removeEventListener('play', play);
    };
  }, [video, view.telops, view.window.start]);

  useEffect(() => {
    if (fixedBox) {
      setRect({ left: 0, top: 0, width: fixedBox.width, height: fixedBox.height });
      return;
    }
    const element = video.current;
    if (!element) return;
    const measure = () => setRect(frameRect(element, view.frame));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    element.addEventListener('loadedmetadata', measure);
    return () => {
      observer.disconnect();
      element.removeEventListener('loadedmetadata', measure);
    };
  }, [video, view.frame, fixedBox?.width, fixedBox?.height]);

  if (!rect || rect.width === 0) return null;
  const telop = view.telops[showing.telop];
  const scale = rect.height / view.frame.height;
  const { band, style } = view;
  const box: CSSProperties = { left: rect.left, top: rect.top, width: rect.width, height: rect.height };
  return (
    <div className="telop-overlay" style={box} aria-hidden="true" data-testid={fixedBox ? 'telop-overlay-preview' : 'telop-overlay'}>
      {fixedBox ? null : <span className="telop-frame-label">9:16</span>}
      {telop && fontReady ? (
        <div
          className="telop-band"
          style={{ top: band.y * scale, height: band.height * scale, left: band.x * scale, width: band.width * scale }}
          data-testid={fixedBox ? 'telop-on-preview' : 'telop-on-player'}
          data-style={style.name}
        >
          {telop.lines.map((line, i) => (
            <TelopLine
              key={`${showing.telop}-${i}`}
              text={line}
              index={i}
              telop={telop}
              showing={showing}
              view={view}
              scale={scale}
            />
          ))}
        </div>
      ) : null}
    </div>
  );
}

function TelopLine({ text, index, telop, showing, view, scale }: { text: string; index: number; telop: Telop; showing: Showing; view: TelopsView; scale: number }) {
  const { band, style } = view;
  const count = telop.lines.length;
  const bottom = band.linesBottom - (count - 1 - index) * band.lineHeight;
  const font = band.fontSize * scale;
  const outline = band.outline * scale;
  const css: CSSProperties = {
    top: (bottom - band.lineHeight) * scale,
    left: band.centerX * scale,
    height: band.lineHeight * scale,
    lineHeight: `${band.lineHeight * scale}px`,
    fontSize: font,
    fontFamily: `'${TELOP_FONT_FAMILY}', 'Kirinuki JP', sans-serif`,
    color: telop.reaction ? style.reaction : style.text,
    // the stroke is drawn under the fill, so only its outer half shows: twice the outline
    WebkitTextStroke: outline > 0 ? `${outline * 2}px ${style.outline}` : undefined,
  };
  if (style.box) {
    const pad = style.box.padding * font;
    css.background = style.box.color;
    css.padding = `0 ${pad}px`;
    css.borderRadius = style.box.radius * font;
  }
  const words = (telop.words ?? []).map((word, n) => ({ ...word, n })).filter((word) => word.line === index);
  const parts: { text: string; color?: string; active?: boolean }[] = [];
  let at = 0;
  for (const word of words) {
    if (word.from > at) parts.push({ text: text.slice(at, word.from) });
    const active = word.n === showing.word;
    const said = word.n < showing.said;
    parts.push({ text: text.slice(word.from, word.to), color: active ? style.active : said && style.spoken ? style.spoken : undefined, active });
    at = Math.max(at, word.to);
  }
  if (at < text.length) parts.push({ text: text.slice(at) });
  return (
    <div className="telop-line" style={css}>
      {parts.map((part, i) => (
        <span key={i} style={part.color ? { color: part.color } : undefined} data-active={part.active ? 'true' : undefined}>
          {part.text}
        </span>
      ))}
    </div>
  );
}
