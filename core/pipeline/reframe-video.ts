import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { KirinukiError } from '../errors.js';
import { getPreset, outputSize } from '../export/presets.js';
import type { FaceSettings } from '../faces/face-options.js';
import { facesForVideo, type VideoFaces } from '../faces/faces-for-video.js';
import { writeJsonAtomic } from '../fs/atomic-write.js';
import type { CropSample } from '../media/crop-path.js';
import type { ClipLayout } from '../media/clip-layout.js';
import { probeMedia, type MediaInfo } from '../media/probe.js';
import { renderClip } from '../media/render-clip.js';
import type { StageOptions } from '../progress.js';
import { projectFile } from '../project/project-dir.js';
import { localVideoId } from '../project/local-video-id.js';
import type { CropOption } from '../export/crop-modes.js';
import { cropSizeFor } from '../reframe/crop-size.js';
import { planReframe, type ReframePlan } from '../reframe/plan-reframe.js';
import { REFRAME_FACE_SETTINGS } from '../reframe/reframe-face-settings.js';
import { reframeLayout } from '../reframe/reframe-layout.js';
import type { ReframeLayout } from '../reframe/reframe-layouts.js';
import type { FrameSize, ShotPlan } from '../reframe/types.js';
import type { ClipCaptions } from '../export/clip-record.js';
import type { CaptionMode, MusicTags } from '../telops/telop.js';
import { reframeCaptions } from './reframe-captions.js';
import type { SourceNote } from './viewer-sources.js';


export interface ReframeVideoOptions extends StageOptions {
  /** The output video file. */
  output: string;
  /** Export preset (default `shorts`, 1080x1920). */
  preset?: string;
  crop?: CropOption;
  person?: string;
  /** Default `auto`: a face-cam on top of the content when one is found, two people far apart stacked. */
  layout?: ReframeLayout;
  from?: number;
  to?: number;
  /** Projects root; the crop path is saved in `<root>/<videoId>/reframe/` (default ./kirinuki-projects). */
  projectsRoot?: string;
  faces?: FaceSettings;
  /** `--captions` (default none): telops of what is said, the project's top comment over the span as a title card, or both. */
  captions?: CaptionMode;
  captionStyle?: string;
  musicTags?: MusicTags;
  /** `--subs FILE`: the telops' subtitles; else the `<name>.<lang>.json3|vtt|srt` beside the video. */
  subsFile?: string;
  /** `--subs-lang`: the subtitles beside the video in this language (`<name>.<lang>.json3|vtt|srt`). */
  subsLang?: string;
  /** Sees the whole plan (tracks, shot detection) before the encode, e.g. for tests and the app. */
  onPlan?: (plan: ReframePlan) => void;
}

/** The README's `reframe --json` shape, plus the per-shot decisions. */
export interface ReframeResult {
  path: string;
  width: number;
  height: number;
  durationS: number;
  /** Crop in source pixels, times from the output's start. */
  cropPath: CropSample[];
  crop: CropOption;
  source: { path: string; width: number; height: number; from: number; to: number };
  shots: ShotPlan[];
  /** Where the result (with the crop path) was saved in the project. */
  planFile: string;
  timings: { analysisS: number; encodeS: number };
  /** What was drawn as captions (absent with `--captions none`). */
  captions?: ClipCaptions;
  /** E.g. NO_SUBTITLES: telops were asked for and the video has no subtitles. */
  notes?: SourceNote[];
}

interface Planned {
  layout: ClipLayout;
  cropPath: CropSample[];
  shots: ShotPlan[];
}

function fixedPlan(mode: Exclude<CropOption, 'follow'>, info: MediaInfo, output: FrameSize, from: number, to: number): Planned {
  const crop = cropSizeFor(info, output);
  const centred = (frame: number, size: number): number => Math.floor((frame - size) / 4) * 2;
  const region = mode === 'blur'
    ? { x: 0, y: 0, w: info.width, h: info.height }
    : { x: centred(info.width, crop.width), y: centred(info.height, crop.height), w: crop.width, h: crop.height };
  const cropPath = [{ t: 0, ...region }, { t: to - from, ...region }];
  const reason = mode === 'blur' ? 'the blurred fit was asked for' : 'the centre crop was asked for';
  return { layout: { mode }, cropPath, shots: [{ start: from, end: to, mode, subjects: [], reason, samples: [0, 1] }] };
}

/**
 * The project's analysis of the whole video (cached, at the `faces` command's settings, with the
 * user's merges and names), so `--person person-2` is the person-2 that `kirinuki faces` listed.
 */
function projectFaces(input: string, options: ReframeVideoOptions) {
  return (stage: StageOptions): Promise<VideoFaces> =>
    facesForVideo(input, { ...options.faces, projectsRoot: options.projectsRoot, ...stage });
}

function checkRange(info: MediaInfo, from: number, to: number): void {
  if (!(from >= 0) || !(to > from) || from >= info.durationS) {
    throw new KirinukiError('INVALID_ARGUMENT', `--from ${from} / --to ${to} is not a span inside ${info.path} (0 to ${info.durationS.toFixed(2)} s).`);
  }
}

/**
 * Reframes a video (or a span of it) for a portrait preset: analyses shots and faces, plans the
 * virtual camera, encodes in one ffmpeg pass and saves the crop path in the project folder.
 */
export async function reframeVideo(input: string, options: ReframeVideoOptions): Promise<ReframeResult> {
  const { signal, onProgress } = options;
  const info = await probeMedia(input, { signal });
  const preset = getPreset(options.preset ?? 'shorts');
  const size = outputSize(preset, info);
  const from = options.from ?? 0;
  const to = Math.min(options.to ?? info.durationS, info.durationS);
  checkRange(info, from, to);
  const mode = options.crop ?? 'follow';
  const videoId = await localVideoId(input);
  const scratch = await mkdtemp(join(tmpdir(), 'kirinuki-reframe-'));
  try {
    // the captions first: a missing --subs fails before the analysis, not after it
    const drawn = await reframeCaptions({
      input, videoId, root: options.projectsRoot, span: { start: from, end: to }, frame: size, mode: options.captions ?? 'none',
      captionStyle: options.captionStyle, musicTags: options.musicTags, subsFile: options.subsFile, subsLang: options.subsLang, workDir: scratch,
    });
    const started = performance.now();
    const planned = await planCrop(input, options, { mode, info, size, from, to });
    const analysed = performance.now();
    const rendered = await renderClip({
      input, start: from, end: to, output: options.output, width: size.width, height: size.height,
      crop: planned.layout, overlays: drawn.overlays, videoBitrate: preset.videoBitrate, info, signal,
      onProgress,
    });
    const planFile = projectFile(options.projectsRoot, videoId, 'reframe', `${basename(options.output)}.json`);
    const result: ReframeResult = {
      path: rendered.path,
      width: rendered.width,
      height: rendered.height,
      durationS: rendered.durationS,
      cropPath: planned.cropPath,
      crop: mode,
      source: { path: input, width: info.width, height: info.height, from, to },
      shots: planned.shots,
      planFile,
      timings: { analysisS: (analysed - started) / 1000, encodeS: (performance.now() - analysed) / 1000 },
      ...(drawn.captions ? { captions: drawn.captions } : {}),
      ...(drawn.notes.length > 0 ? { notes: drawn.notes } : {}),
    };
    await writeJsonAtomic(planFile, result);
    return result;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/** The virtual camera (follow), or the fixed centre / blurred fit. */
async function planCrop(
  input: string,
  options: ReframeVideoOptions,
  span: { mode: CropOption; info: MediaInfo; size: FrameSize; from: number; to: number },
): Promise<Planned> {
  const { mode, info, size, from, to } = span;
  if (mode !== 'follow') return fixedPlan(mode, info, size, from, to);
  const plan = await planReframe(input, {
    output: size, from, to, person: options.person, layout: options.layout, info, signal: options.signal,
    faces: { ...REFRAME_FACE_SETTINGS, ...options.faces },
    loadFaces: options.person === undefined ? undefined : projectFaces(input, options),
    onProgress: options.onProgress,
  });
  options.onPlan?.(plan);
  return { layout: reframeLayout(plan, from), cropPath: plan.cropPath, shots: plan.shots };
}
