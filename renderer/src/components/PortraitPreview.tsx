import { useCallback, useEffect, useRef, useState, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import type { CropMode, FramingPreviewView, TelopsView } from '../../../core/app/views';
import type { FramingMode, FramingOverride } from '../../../core/reframe/framing-modes';
import type { PreviewRun } from '../../../core/reframe/preview-layout';
import type { CropSample } from '../../../core/media/crop-path';
import { call, CallError } from '../api/call';
import { ErrorNotice } from './ErrorNotice';
import { settingsText } from './ExportLibrary';
import { TelopOverlay } from './TelopOverlay';

interface Props {
  /** The main player: the preview follows its time, play and pause. */
  player: RefObject<HTMLVideoElement | null>;
  src: string;
  videoId: string;
  moment: number;
  /** Changes when the moment's in/out change, so the preview plans again. */
  momentKey: string;
  telops: TelopsView | null;
}

/** The preview's size on screen, CSS pixels (9:16). */
const WIDTH = 216;
const HEIGHT = 384;

const MODE_LABELS: Record<FramingMode, string> = {
  auto: 'As exported',
  follow: 'Follow',
  center: 'Centre',
  blur: 'Blur',
  split: 'Split',
  facecam: 'Face-cam',
  fixed: 'Fixed',
};
const CAMERA_LABELS: Record<CropMode, string> = { follow: 'Follow faces', center: 'Centre', blur: 'Blur' };

/** The crop box at clip time t, linear between samples; two samples at one time are a cut (as core/reframe/crop-at.ts). */
function boxAt(path: CropSample[], t: number): CropSample {
  const first = path[0]!;
  if (t < first.t) return first;
  let j = 0;
  while (j + 1 < path.length && path[j + 1]!.t <= t) j += 1;
  const a = path[j]!;
  const b = path[j + 1];
  if (!b) return a;
  const k = (t - a.t) / (b.t - a.t);
  return { t, x: a.x + (b.x - a.x) * k, y: a.y + (b.y - a.y) * k, w: a.w + (b.w - a.w) * k, h: a.h + (b.h - a.h) * k };
}

function runAt(runs: PreviewRun[], t: number): number {
  const index = runs.findIndex((run) => t >= run.start && t < run.end);
  if (index !== -1) return index;
  return t < (runs[0]?.start ?? 0) ? 0 : runs.length - 1;
}

/** Places a video inside a pane so the crop box fills the pane. */
function placeCrop(element: HTMLVideoElement, box: CropSample, source: { width: number; height: number }, paneW: number): void {
  const s = paneW / box.w;
  element.style.width = `${source.width * s}px`;
  element.style.height = `${source.height * s}px`;
  element.style.transform = `translate(${-box.x * s}px, ${-box.y * s}px)`;
  element.style.filter = '';
}

/** The service stops a project's preview when a newer one is asked for (a saved framing, another tab): not an error to show. */
function superseded(caught: unknown): boolean {
  return caught instanceof CallError && caught.code === 'CANCELLED';
}

/**
 * The selected moment as a 9:16 clip of it will look: the export's planned framing (crop path,
 * blurred fit, split or face-cam over the content, run by run) applied to videos that follow the main player, and the telops
 * over it. The user can choose the moment's framing or drag the crop; the export honours it.
 */
export function PortraitPreview({ player, src, videoId, moment, momentKey, telops }: Props) {
  const [view, setView] = useState<FramingPreviewView | null>(null);
  // the Export screen's settings (preset, camera, captions, length) are the preview's: a change of camera here is saved there
  const [settingsKey, setSettingsKey] = useState(0);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [runIndex, setRunIndex] = useState(0);
  const front = useRef<HTMLVideoElement>(null);
  const back = useRef<HTMLVideoElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const drag = useRef<{ startX: number; box: CropSample; x: number } | null>(null);

  useEffect(() => {
    let live = true;
    setLoading(true);
    setError(null);
    call('previewFraming', { videoId, moment })
      .then((next) => live && setView(next), (caught: unknown) => live && !superseded(caught) && setError(caught))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [videoId, moment, momentKey, settingsKey]);

  const save = useCallback(async (override: FramingOverride) => {
    setLoading(true);
    setError(null);
    try {
      setView(await call('saveFraming', { videoId, moment, override }));
    } catch (caught) {
      setError(caught);
    } finally {
      setLoading(false);
    }
  }, [videoId, moment]);
  const setCamera = useCallback((crop: CropMode) => {
    call('saveExportSettings', { videoId, crop }).then(() => setSettingsKey((k) => k + 1), setError);
  }, [videoId]);

  const shown = view && view.moment === moment ? view : null;
  const scale = shown ? WIDTH / shown.output.width : 1;
  const run = shown?.runs[Math.min(runIndex, shown.runs.length - 1)];

  // every frame: keep the preview's videos on the player's time, and place them for the run
  useEffect(() => {
    if (!shown) return;
    let frame = 0;
    const sync = (element: HTMLVideoElement | null, main: HTMLVideoElement) => {
      if (!element || element.readyState === 0) return;
      if (main.paused) {
        if (!element.paused) element.pause();
        if (Math.abs(element.currentTime - main.currentTime) > 0.001 && !element.seeking) element.currentTime = main.currentTime;
      } else {
        if (element.paused) void element.play().catch(() => undefined);
        if (Math.abs(element.currentTime - main.currentTime) > 0.15) element.currentTime = main.currentTime;
      }
    };
    const tick = () => {
      const main = player.current;
      const fg = front.current;
      if (main && fg) {
        sync(fg, main);
        sync(back.current, main);
        const t = fg.currentTime - shown.window.start;
        const index = runAt(shown.runs, t);
        setRunIndex((current) => (current === index ? current : index));
        const current = shown.runs[index];
        if (current?.mode === 'crop') {
          const box = drag.current ? { ...drag.current.box, x: drag.current.x } : boxAt(current.path, t);
          placeCrop(fg, box, shown.source, WIDTH);
          root.current?.setAttribute('data-crop-x', String(Math.round(box.x)));
        } else if (current?.mode === 'split') {
          placeCrop(fg, boxAt(current.top, t), shown.source, WIDTH);
          if (back.current) placeCrop(back.current, boxAt(current.bottom, t), shown.source, WIDTH);
        } else if (current?.mode === 'facecam') {
          placeCrop(fg, boxAt(current.cam, t), shown.source, WIDTH);
          if (back.current) placeCrop(back.current, boxAt(current.content, t), shown.source, WIDTH);
        } else if (current?.mode === 'blur') {
          fg.style.width = `${current.fit.width * (WIDTH / shown.output.width)}px`;
          fg.style.height = `${current.fit.height * (WIDTH / shown.output.width)}px`;
          fg.style.transform = `translate(${current.fit.x * (WIDTH / shown.output.width)}px, ${current.fit.y * (WIDTH / shown.output.width)}px)`;
          if (back.current) {
            // the export's fill: the frame scaled to cover, blurred
            const cover = Math.max(WIDTH / shown.source.width, HEIGHT / shown.source.height);
            back.current.style.width = `${shown.source.width * cover}px`;
            back.current.style.height = `${shown.source.height * cover}px`;
            back.current.style.transform = `translate(${(WIDTH - shown.source.width * cover) / 2}px, ${(HEIGHT - shown.source.height * cover) / 2}px)`;
            back.current.style.filter = 'blur(10px)';
          }
        }
        root.current?.setAttribute('data-time', fg.currentTime.toFixed(3));
        root.current?.setAttribute('data-ready', String(fg.readyState >= 2 && !fg.seeking && (main.paused ? Math.abs(fg.currentTime - main.currentTime) < 0.01 : true)));
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [player, shown]);

  // drag the crop sideways: the moment gets that crop, held (a `fixed` framing)
  const onPointerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    const fg = front.current;
    if (!shown || run?.mode !== 'crop' || !fg) return;
    const box = boxAt(run.path, fg.currentTime - shown.window.start);
    drag.current = { startX: event.clientX, box, x: box.x };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: ReactPointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || !shown) return;
    const s = WIDTH / d.box.w;
    d.x = Math.min(shown.source.width - d.box.w, Math.max(0, d.box.x - (event.clientX - d.startX) / s));
  };
  const onPointerUp = () => {
    const d = drag.current;
    if (!d || !shown) return;
    if (Math.abs(d.x - d.box.x) < 1) {
      drag.current = null;
      return;
    }
    const travel = shown.source.width - d.box.w;
    void save({ mode: 'fixed', x: travel > 0 ? d.x / travel : 0.5 }).finally(() => {
      drag.current = null;
    });
  };

  const mode: FramingMode = shown?.override?.mode ?? 'auto';
  // two panes stacked: the split's halves, or the face-cam over the content
  const split = run?.mode === 'split' ? run.half : run?.mode === 'facecam' ? run.camHeight : null;
  const blur = run?.mode === 'blur';
  const half = split !== null ? split * scale : HEIGHT;
  // busy until this moment's plan is shown: the first render comes before the effect that asks for it
  const planning = loading || (!shown && !error);
  return (
    <div className="portrait-column" data-testid="portrait-preview-panel">
      <div
        ref={root}
        className={`portrait-preview${run?.mode === 'crop' ? ' draggable' : ''}`}
        style={{ width: WIDTH, height: HEIGHT }}
        data-testid="portrait-preview"
        data-mode={run?.mode ?? ''}
        data-override={mode}
        data-window={shown ? `${shown.window.start}-${shown.window.end}` : ''}
        data-busy={planning ? 'true' : 'false'}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => (drag.current = null)}
      >
        <div className="portrait-pane" style={{ top: 0, height: half, zIndex: 2 }}>
          <video ref={front} src={src} muted playsInline preload="auto" data-testid="portrait-video" />
        </div>
        <div className="portrait-pane" style={{ top: split !== null ? half : 0, height: split !== null ? HEIGHT - half : HEIGHT, zIndex: 1, display: split !== null || blur ? 'block' : 'none' }}>
          <video ref={back} src={src} muted playsInline preload="auto" />
        </div>
        {shown?.topComment ? <div className="portrait-comment" data-testid="portrait-comment">{shown.topComment}</div> : null}
        {telops?.subtitles && (shown?.caption === 'speech' || shown?.caption === 'both') ? (
          <div className="portrait-telops">
            <TelopOverlay video={front} view={telops} box={{ width: WIDTH, height: HEIGHT }} />
          </div>
        ) : null}
        {loading ? <div className="portrait-busy muted small">Planning the camera…</div> : null}
      </div>
      <div className="portrait-controls">
        <label className="small">
          Export camera{' '}
          <select value={shown?.crop ?? 'follow'} onChange={(e) => setCamera(e.target.value as CropMode)} disabled={!shown} data-testid="portrait-camera">
            {(Object.keys(CAMERA_LABELS) as CropMode[]).map((name) => <option key={name} value={name}>{CAMERA_LABELS[name]}</option>)}
          </select>
        </label>
        <div className="portrait-modes" role="group" aria-label={`Framing of moment ${moment}`}>
          {(['auto', 'follow', 'center', 'blur', 'split', 'facecam'] as FramingMode[]).map((name) => (
            <button
              key={name}
              type="button"
              className={mode === name ? 'active' : ''}
              aria-pressed={mode === name}
              disabled={loading || !shown}
              onClick={() => void save({ mode: name })}
              data-testid={`framing-${name}`}
            >
              {MODE_LABELS[name]}
            </button>
          ))}
        </div>
        {shown && shown.people.length > 0 ? (
          <label className="small">
            Subject{' '}
            <select
              value={mode === 'follow' ? (shown.override?.person ?? '') : ''}
              onChange={(e) => void save(e.target.value ? { mode: 'follow', person: e.target.value } : { mode: 'follow' })}
              disabled={loading}
              data-testid="framing-person"
            >
              <option value="">Whoever is on screen</option>
              {shown.people.map((person) => <option key={person.id} value={person.id}>{person.name}</option>)}
            </select>
          </label>
        ) : null}
        <p className="muted small" data-testid="portrait-note">
          {mode === 'fixed' ? 'Fixed crop (dragged). ' : ''}
          {run?.mode === 'crop' ? 'Drag the picture to move the crop. ' : ''}
          {shown ? `${shown.runs.map((r) => r.mode).join(' → ')} · ${shown.preset}` : ''}
        </p>
        {shown ? (
          <p className="muted small" data-testid="portrait-settings" title="The Export screen's settings: change them there">
            Export settings: {settingsText({ preset: shown.preset, crop: shown.crop, captions: shown.caption, maxLengthS: shown.maxLengthS, fast: false, perPerson: false, persons: [] })}
          </p>
        ) : null}
        {error ? <ErrorNotice error={error} onDismiss={() => setError(null)} /> : null}
      </div>
    </div>
  );
}
