import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { locateWindow, type AcquiredVideo } from '../acquire/video-sections.js';
import type { ClipLayout, ClipOverlay } from '../media/clip-layout.js';
import { concatClips } from '../media/concat.js';
import { cutClip } from '../media/cut.js';
import { probeMedia, type MediaInfo } from '../media/probe.js';
import { renderClip } from '../media/render-clip.js';
import { sliceProgress, type ProgressListener } from '../progress.js';
import type { ClipPlan } from './clip-plan.js';
import type { CropPlanner } from '../reframe/crop-planner.js';
import type { CropOption } from './crop-modes.js';
import type { Preset } from './presets.js';
import { writeCaptionPng } from './render-caption.js';
import { creditPosition, writeCreditPng, type CreditLine } from './render-credit.js';
import { telopOverlay, type ClipTelopParts } from './clip-telops.js';

/** The export settings a clip's rendering reads. */
export interface ClipRenderSettings {
  signal?: AbortSignal;
  /** Stream-copy cuts at keyframes: no crop, no caption. */
  fast?: boolean;
  crop?: CropOption;
  cropPlanner?: CropPlanner;
  /** `--credit`: the source's channel and title burned in (same encode as the caption). */
  credit?: CreditLine;
}

export interface RenderPlannedClipRequest {
  plan: ClipPlan;
  video: AcquiredVideo;
  output: string;
  /** Scratch folder for captions and the parts of multi-segment clips. */
  workDir: string;
  size: { width: number; height: number };
  preset: Preset;
  options: ClipRenderSettings;
  /** The telops of each segment (times from the segment's start), drawn in the same encode. */
  telops?: ClipTelopParts;
  probe: (path: string) => Promise<MediaInfo>;
  onProgress?: ProgressListener;
}

export interface RenderedOutput {
  width: number;
  height: number;
  durationS: number;
  /** Where the clip really starts in the source: earlier than planned for `fast` (the keyframe before). */
  start: number;
  /** Where it really ends: the plan's end, or the end of the video when that comes first. */
  end: number;
}

/** Where the caption sits: centred, in the upper part of the frame, clear of the platforms' bottom bar. */
export function captionPosition(frame: { width: number; height: number }, image: { width: number; height: number }): { x: number; y: number } {
  const top = frame.height > frame.width ? 0.12 : 0.06;
  return { x: Math.max(0, Math.round((frame.width - image.width) / 2)), y: Math.round(frame.height * top) };
}

/** Makes one planned clip: each segment encoded (or stream-copied with `fast`), parts joined. */
export async function renderPlannedClip(request: RenderPlannedClipRequest): Promise<RenderedOutput> {
  const { plan, options } = request;
  const overlays = [...(await captionOverlays(request)), ...(await creditOverlays(request))];
  const count = plan.segments.length;
  let start = plan.segments[0]?.start ?? 0;
  let end = plan.segments.at(-1)?.end ?? 0;
  const parts = count === 1 ? [request.output] : plan.segments.map((_, i) => join(request.workDir, `part-${i}-${plan.fileName}`));
  try {
    for (const [i, segment] of plan.segments.entries()) {
      const input = locateWindow(request.video, segment);
      const share = count === 1 ? 1 : 0.95; // the last 5 % joins the parts
      const onProgress = sliceProgress(request.onProgress, (share * i) / count, (share * (i + 1)) / count);
      const common = { input: input.path, start: input.start, end: input.end, output: parts[i] ?? request.output, signal: options.signal, onProgress };
      if (options.fast) {
        const cut = await cutClip({ ...common, fast: true });
        if (i === 0) start = segment.start - (input.start - cut.start);
        if (i === count - 1) end = segment.start + (cut.end - input.start);
        continue;
      }
      const info = await request.probe(input.path);
      const crop = await chooseCrop(request, segment, input, info);
      const telops = await segmentTelops(request, i, input.end - input.start);
      const clip = await renderClip({ ...common, ...request.size, crop, overlays: [...overlays, ...telops], info, videoBitrate: request.preset.videoBitrate });
      if (i === count - 1) end = segment.start + (clip.end - input.start);
    }
    if (count > 1) {
      await concatClips({ inputs: parts, output: request.output, signal: options.signal, onProgress: sliceProgress(request.onProgress, 0.95, 1) });
    }
  } finally {
    if (count > 1) await Promise.all(parts.map((p) => rm(p, { force: true })));
  }
  const info = await probeMedia(request.output, { signal: options.signal });
  return { width: info.width, height: info.height, durationS: info.durationS, start, end };
}

async function chooseCrop(request: RenderPlannedClipRequest, segment: ClipPlan['segments'][number], input: { path: string; start: number; end: number }, info: MediaInfo): Promise<ClipLayout> {
  if (!request.preset.size) return { mode: 'scale' };
  const planned = await request.options.cropPlanner?.({
    person: request.plan.person,
    moment: request.plan.moment,
    segment,
    input,
    source: info,
    ...request.size,
    signal: request.options.signal,
  });
  if (planned) return planned;
  return request.options.crop === 'blur' ? { mode: 'blur' } : { mode: 'center' };
}

/** The telop track of segment `i` as one more overlay input (none when the segment shows no telop). */
async function segmentTelops(request: RenderPlannedClipRequest, i: number, durationS: number): Promise<ClipOverlay[]> {
  const telops = request.telops?.parts[i];
  if (!telops || telops.length === 0 || request.options.fast) return [];
  const dir = join(request.workDir, `telops-${i}-${request.plan.fileName}`);
  const overlay = await telopOverlay(dir, telops, { frame: request.size, style: request.telops!.style, durationS });
  return overlay ? [overlay] : [];
}

/** `--credit`: one PNG for the whole clip. */
async function creditOverlays(request: RenderPlannedClipRequest): Promise<ClipOverlay[]> {
  const credit = request.options.credit;
  if (!credit || request.options.fast) return [];
  const imagePath = join(request.workDir, `credit-${request.size.width}x${request.size.height}.png`);
  const image = await writeCreditPng(imagePath, credit, request.size);
  return [{ imagePath, ...creditPosition(request.size, image) }];
}

async function captionOverlays(request: RenderPlannedClipRequest): Promise<ClipOverlay[]> {
  const text = request.plan.caption;
  if (!text || request.options.fast) return [];
  const imagePath = join(request.workDir, `caption-${request.plan.moment}-${request.plan.person ?? 'all'}.png`);
  const image = await writeCaptionPng(imagePath, text, { videoWidth: request.size.width });
  return [{ imagePath, ...captionPosition(request.size, image) }];
}
