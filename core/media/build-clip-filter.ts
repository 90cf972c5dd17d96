import type { ClipLayout } from './clip-layout.js';
import { cropPathExpression } from './crop-path-expression.js';
import { sequenceChains } from './build-sequence-filter.js';

export interface ClipFilterRequest {
  /** Display size of the source (after rotation). */
  source: { width: number; height: number };
  /** Output size, even. */
  width: number;
  height: number;
  layout: ClipLayout;
  /** Overlay positions; overlay i is ffmpeg input i + 1. */
  overlays: { x: number; y: number }[];
  /** How to read input 0 before any layout; omitted, `[0:v]` is used as it comes. */
  input?: ClipFilterInput;
}

export interface ClipFilterInput {
  /** The video stream's index in input 0 (cover art can come before it). */
  stream?: number;
  /**
   * Cut the window out of the decoded frames (for sources ffmpeg cannot seek in); times in the
   * source. Without it input 0 is expected to start at the clip start already (`-ss`).
   */
  trim?: { start: number; end: number };
  /** The source has non-square pixels: first scale it to its display size (`source`). */
  anamorphic?: boolean;
}

/** The `-filter_complex` graph from input 0's video to `[vout]`. Pure: unit-tested. */
export function buildClipFilter(request: ClipFilterRequest): string {
  const prepare = prepareChain(request);
  const layout = layoutChains(request).map((chain) => (prepare ? chain.replace(/^\[0:v\]/, '[vin]') : chain));
  const chains = [...(prepare ? [prepare] : []), ...layout, ...overlayChains(request.overlays)];
  const last = request.overlays.length === 0 ? 'v0' : `o${request.overlays.length}`;
  chains.push(`[${last}]format=yuv420p,setsar=1[vout]`);
  return chains.join(';');
}

/** What every layout needs first: the right stream, the window cut from a raw stream, square pixels. */
function prepareChain(request: ClipFilterRequest): string | undefined {
  const { input } = request;
  if (!input) return undefined;
  const steps: string[] = [];
  if (input.trim) {
    steps.push(`trim=start=${input.trim.start.toFixed(6)}:end=${input.trim.end.toFixed(6)}`, 'setpts=PTS-STARTPTS');
  }
  if (input.anamorphic) steps.push(`scale=${request.source.width}:${request.source.height}`, 'setsar=1');
  if (steps.length === 0 && input.stream === undefined) return undefined;
  const label = input.stream === undefined ? '0:v' : `0:${input.stream}`;
  return `[${label}]${steps.length > 0 ? steps.join(',') : 'null'}[vin]`;
}

function layoutChains(request: ClipFilterRequest): string[] {
  const { source, width, height, layout } = request;
  switch (layout.mode) {
    case 'center':
      return [`[0:v]${centerCrop(source, width / height)},scale=${width}:${height}[v0]`];
    case 'scale':
      return [`[0:v]${fitInside(source, width, height)}[v0]`];
    case 'blur':
      return blurChains(request);
    case 'path':
      return [`[0:v]${pathCrop(layout.path, source, width / height)},scale=${width}:${height}[v0]`];
    case 'sequence':
      return sequenceChains(request, layout.segments);
    case 'split': {
      const half = even(height / 2);
      return stackedChains({ path: layout.top, height: half }, { path: layout.bottom, height: height - half }, request);
    }
    case 'facecam': {
      const top = facecamHeight(layout.camHeight, height);
      return stackedChains({ path: layout.cam, height: top }, { path: layout.content, height: height - top }, request);
    }
  }
}

/** The face-cam's height in the output: even, and leaving the content at least a quarter of the frame. */
export function facecamHeight(camHeight: number, height: number): number {
  return Math.max(2, Math.min(even(camHeight), even((height * 3) / 4)));
}

/** Two crop paths, each scaled to the output's width and its own height, stacked (split, face-cam). */
function stackedChains(
  top: { path: Parameters<typeof cropPathExpression>[0]; height: number },
  bottom: { path: Parameters<typeof cropPathExpression>[0]; height: number },
  request: ClipFilterRequest,
): string[] {
  const { source, width } = request;
  return [
    '[0:v]split=2[s0][s1]',
    `[s0]${pathCrop(top.path, source, width / top.height)},scale=${width}:${top.height},setsar=1[top]`,
    `[s1]${pathCrop(bottom.path, source, width / bottom.height)},scale=${width}:${bottom.height},setsar=1[bottom]`,
    '[top][bottom]vstack=inputs=2[v0]',
  ];
}

function centerCrop(source: { width: number; height: number }, aspect: number): string {
  const w = even(Math.min(source.width, source.height * aspect));
  const h = even(Math.min(source.height, source.width / aspect));
  return `crop=${w}:${h}:${even((source.width - w) / 2)}:${even((source.height - h) / 2)}`;
}

function fitInside(source: { width: number; height: number }, width: number, height: number): string {
  const fit = fitSize(source, width, height);
  if (fit.width === width && fit.height === height) return `scale=${width}:${height}`;
  const x = even((width - fit.width) / 2);
  const y = even((height - fit.height) / 2);
  return `scale=${fit.width}:${fit.height},setsar=1,pad=${width}:${height}:${x}:${y}:black`;
}

/** The background is blurred at a quarter of the size, which looks the same and costs 1/16th. */
function blurChains(request: ClipFilterRequest): string[] {
  const { source, width, height } = request;
  const fit = fitSize(source, width, height);
  const smallW = even(width / 4);
  const smallH = even(height / 4);
  const x = even((width - fit.width) / 2);
  const y = even((height - fit.height) / 2);
  return [
    '[0:v]split=2[bgsrc][fgsrc]',
    `[bgsrc]scale=${smallW}:${smallH}:force_original_aspect_ratio=increase,crop=${smallW}:${smallH},` +
      `boxblur=luma_radius=12:luma_power=2:chroma_radius=6:chroma_power=2,scale=${width}:${height},setsar=1[bg]`,
    `[fgsrc]scale=${fit.width}:${fit.height},setsar=1[fg]`,
    `[bg][fg]overlay=${x}:${y}[v0]`,
  ];
}

function pathCrop(
  path: Parameters<typeof cropPathExpression>[0],
  source: { width: number; height: number },
  aspect: number,
): string {
  const crop = cropPathExpression(path, source, aspect);
  return `crop=w=${crop.w}:h=${crop.h}:x='${crop.x}':y='${crop.y}'`;
}

function overlayChains(overlays: { x: number; y: number }[]): string[] {
  if (overlays.length === 0) return [];
  // overlay rounds an input's timestamps to the main stream's time base: a coarse one (1/30)
  // would show a telop state a frame early, so the main stream gets ffmpeg's fine one first
  const chains = ['[v0]settb=AVTB[vtb]'];
  overlays.forEach((overlay, index) => {
    const from = index === 0 ? 'vtb' : `o${index}`;
    chains.push(`[${from}][${index + 1}:v]overlay=${Math.round(overlay.x)}:${Math.round(overlay.y)}[o${index + 1}]`);
  });
  return chains;
}

/** The largest even size of the source's aspect that fits inside width x height. */
export function fitSize(
  source: { width: number; height: number },
  width: number,
  height: number,
): { width: number; height: number } {
  const scale = Math.min(width / source.width, height / source.height);
  return {
    width: Math.min(width, Math.max(2, even(source.width * scale))),
    height: Math.min(height, Math.max(2, even(source.height * scale))),
  };
}

function even(value: number): number {
  return Math.floor(value / 2) * 2;
}
