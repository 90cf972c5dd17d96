import { existsSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { throwIfAborted } from '../cancel.js';
import { KirinukiError } from '../errors.js';
import { locateWindow, wholeFile, type AcquiredVideo } from '../acquire/video-sections.js';
import { probeMedia, type MediaInfo } from '../media/probe.js';
import type { Moment } from '../moments/types.js';
import { fileIdentity, fingerprint } from '../project/fingerprint.js';
import type { Progress, ProgressListener, StageOptions } from '../progress.js';
import type { VideoMeta } from '../youtube/types.js';
import { sanitizeFileName } from '../fs/sanitize-file-name.js';
import { planClips, planDuration, planPersonClips, type ClipPlan, type PersonAppearances } from './clip-plan.js';
import type { TimeWindow } from '../media/time-window.js';
import type { CropPlanner } from '../reframe/crop-planner.js';
import type { CropOption } from './crop-modes.js';
import { readManifest, writeExportManifest, type ClipRecord, type ClipsManifest, type SummaryRecord } from './manifest.js';
import { getPreset, maxClipLength, outputSize, type Preset } from './presets.js';
import { renderPlannedClip } from './render-planned-clip.js';
import { isUpToDate } from './is-up-to-date.js';
import { joinReel, reelKey } from './join-reel.js';
import { versionedFileName } from './clip-file-name.js';
import { appendExportHistory, readExportHistory, type ExportEntry } from './export-history.js';
import type { CaptionMode } from '../telops/telop.js';
import {
  captionMode, captionsRecord, showsTelops, showsTopComment, snapWindow, telopsOfParts, type ClipTelopParts, type ExportTelops,
} from './clip-telops.js';
import { checkTitleWords } from '../guidelines/check-title-words.js';
import type { GuidelinesProfile } from '../guidelines/guidelines-profile.js';
import { isYoutubeVideoId } from '../youtube/video-id.js';
import { clipUploadText, type ClipUploadContext } from './clip-upload.js';
import type { CreditLine } from './render-credit.js';
import { editFor, readUploadEdits, type UploadEdits } from './upload-edits.js';
import { writeUploadTextFile } from './upload-text-file.js';
import type { UploadText } from './upload-text.js';

export interface ExportClipsOptions extends StageOptions {
  video: AcquiredVideo | string;
  videoMeta: Pick<VideoMeta, 'id' | 'title' | 'durationS'>;
  moments: Moment[];
  projectDir: string;
  preset?: string | Preset;
  /** `--max-length`: the clip cap, within what the preset allows. */
  maxLength?: number;
  crop?: CropOption;
  /** `--captions`: telops of what is said (`speech`), the top comment as a title card, both, or none (default). */
  captions?: CaptionMode;
  /** The older spelling of `captions: 'top-comment'` (`--caption top-comment`). */
  caption?: 'top-comment';
  /** The caption track and style the telops are made from (speech and both); without it no telop is drawn. */
  telops?: ExportTelops;
  /** Stream-copy cuts at keyframes: fast, but the source's size, no crop, no caption. */
  fast?: boolean;
  top?: number;
  /** Per-person exports: one clip per (person, moment) of the person's on-screen parts. */
  people?: PersonAppearances[];
  /** Replaces the planning altogether (the clips to make, in any order). */
  plans?: ClipPlan[];
  cropPlanner?: CropPlanner;
  /** What of the crop planner's choice differs per clip (the user's framing of its moment), part of its key. */
  cropKey?: (plan: ClipPlan) => unknown;
  /** Also join the clips into `summary.mp4` (default true). */
  summary?: boolean;
  /** Who and what the upload texts credit, and the named people; default: the video's title and id. */
  upload?: ClipUploadContext;
  /** `--credit`: burn `出典: <channel>` and the source's title into every clip. */
  burnCredit?: boolean;
  /** The guidelines profile: no title may hold its banned words. */
  guidelines?: GuidelinesProfile;
  log?: (line: string) => void;
}

export interface ExportClipsResult {
  clips: ClipRecord[];
  summary: SummaryRecord | null;
  /** One reel per person, for per-person exports. */
  reels: (SummaryRecord & { person: string })[];
  manifestPath: string;
  /** Outputs found complete and valid from an earlier run and kept. */
  skipped: number;
  /** What is worth saying but is not a failure, e.g. NO_SUBTITLES when telops were asked for and there are none. */
  notes?: { code: string; message: string }[];
}

/**
 * The outputs earlier exports made (the history and the last manifest): a clip or reel whose
 * settings key matches one of them is kept where it is, and a file of other settings is never
 * overwritten (the new one gets a versioned name).
 */
interface KnownOutputs {
  clips: ClipRecord[];
  reels: SummaryRecord[];
  /** The key of the newest record of each path (the file now on disk was made with it). */
  latestKey: Map<string, string | null>;
}

function knownOutputs(history: ExportEntry[], previous: ClipsManifest | undefined): KnownOutputs {
  const runs = [...history, ...(previous ? [{ clips: previous.clips, summary: previous.summary, reels: previous.reels ?? [] }] : [])];
  const latestKey = new Map<string, string | null>();
  const clips: ClipRecord[] = [];
  const reels: SummaryRecord[] = [];
  for (const run of runs) {
    clips.push(...run.clips);
    reels.push(...(run.summary ? [run.summary] : []), ...run.reels);
    for (const record of [...run.clips, ...(run.summary ? [run.summary] : []), ...run.reels]) latestKey.set(record.path, record.key ?? null);
  }
  return { clips, reels, latestKey };
}

/** Records of `key` whose file was last written with it, the one at `preferred` first, each path once. */
function reusable<T extends { path: string; key?: string }>(records: T[], known: KnownOutputs, key: string, preferred: string, taken: Set<string>): T[] {
  const seen = new Set<string>();
  const matches = records.filter((r) => {
    if (r.key !== key || known.latestKey.get(r.path) !== key || taken.has(r.path) || seen.has(r.path)) return false;
    seen.add(r.path);
    return true;
  });
  return matches.sort((a, b) => Number(b.path === preferred) - Number(a.path === preferred));
}

/**
 * Where a new output goes: its plain name unless a file another export made with other settings
 * is there (that one is kept, the new one is `<name> v2`, `v3`...). A file no export recorded, or
 * a broken one of the same settings, is made again in place.
 */
function freeOutput(base: string, key: string, known: KnownOutputs, taken: Set<string>): string {
  for (let version = 1; ; version += 1) {
    const path = version === 1 ? base : join(dirname(base), versionedFileName(basename(base), version));
    if (taken.has(path)) continue;
    if (!existsSync(path)) return path;
    const owner = known.latestKey.get(path);
    if (owner === undefined || owner === key) return path;
  }
}

/** Bumped when the encode changes, so files from an older Kirinuki are made again. */
const EXPORT_VERSION = 1;

/**
 * Exports the moments as clips in the project folder: one file per moment under `clips/`, the
 * reel `summary.mp4` (in time order) and `manifest.json`. Files an earlier run finished with the
 * same settings are kept; every file is written under a temporary name and renamed when complete.
 */
export async function exportClips(options: ExportClipsOptions): Promise<ExportClipsResult> {
  throwIfAborted(options.signal);
  const video = typeof options.video === 'string' ? wholeFile(options.video) : options.video;
  const preset = typeof options.preset === 'object' ? options.preset : getPreset(options.preset ?? 'shorts');
  // landscape only scales and --fast only copies: the crop mode (and its planner) plays no part
  if (options.crop === 'follow' && !options.cropPlanner && effectiveCrop(options, preset) === 'follow') {
    throw new KirinukiError('INVALID_ARGUMENT', '--crop follow needs the reframe stage (a crop planner), which is not available here.');
  }
  const plans = options.plans ?? makePlans(options, preset);
  if (plans.length === 0) throw new KirinukiError('INVALID_ARGUMENT', `No moments to export for ${options.videoMeta.id}.`);
  const clipsDir = join(options.projectDir, 'clips');
  const workDir = join(options.projectDir, '.work');
  await mkdir(clipsDir, { recursive: true });
  await removeStalePartials(clipsDir, options.projectDir);
  const previous = await readManifest(options.projectDir);
  const known = knownOutputs(await readExportHistory(options.projectDir), previous);
  const manifest: ClipsManifest = {
    video: { id: options.videoMeta.id, title: options.videoMeta.title },
    preset: preset.name,
    crop: effectiveCrop(options, preset),
    fast: options.fast === true,
    complete: false,
    clips: [],
    summary: null,
  };
  const total = plans.reduce((sum, p) => sum + planDuration(p), 0) * 1.05;
  const upload = options.upload ?? defaultUploadContext(options.videoMeta, preset);
  const edits = await readUploadEdits(options.projectDir);
  const credit = options.burnCredit && !options.fast ? { title: upload.source.title, ...(upload.source.channel ? { channel: upload.source.channel } : {}) } : undefined;
  const run: ExportRun = { options, video, preset, known, taken: new Set(), clipsDir, workDir, probes: new Map(), skipped: 0, upload, edits, credit };
  let done = 0;
  try {
    for (const [index, plan] of plans.entries()) {
      const onProgress = clipProgress(options.onProgress, plan, index, plans.length, done, total);
      manifest.clips.push(await exportOne(run, plan, onProgress));
      await writeExportManifest(options.projectDir, manifest, previous?.clips ?? []);
      done += planDuration(plan);
    }
    const reels = options.summary === false ? [] : await joinReels(manifest, run, () => (run.skipped += 1));
    manifest.summary = reels.find((r) => r.person === null) ?? null;
    if (options.people) manifest.reels = reels.filter((r): r is SummaryRecord & { person: string } => r.person !== null);
    manifest.complete = true;
    await writeExportManifest(options.projectDir, manifest, previous?.clips ?? []);
    await appendExportHistory(options.projectDir, {
      at: new Date().toISOString(),
      settings: {
        preset: preset.name,
        crop: manifest.crop,
        captions: options.fast ? 'none' : captionMode(options),
        maxLengthS: options.maxLength ?? null,
        fast: manifest.fast,
        perPerson: options.people !== undefined,
        persons: options.people?.map((p) => p.person) ?? [],
      },
      clips: manifest.clips,
      summary: manifest.summary,
      reels: manifest.reels ?? [],
    });
    options.onProgress?.({ stage: 'export', fraction: 1, message: `${manifest.clips.length} clips` });
    const manifestPath = join(options.projectDir, 'manifest.json');
    return { clips: manifest.clips, summary: manifest.summary, reels: manifest.reels ?? [], manifestPath, skipped: run.skipped };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** What every clip of one export shares. */
interface ExportRun {
  options: ExportClipsOptions;
  video: AcquiredVideo;
  preset: Preset;
  known: KnownOutputs;
  /** Paths this export already uses. */
  taken: Set<string>;
  clipsDir: string;
  workDir: string;
  /** Probes of the source files, made once per file. */
  probes: Map<string, Promise<MediaInfo>>;
  skipped: number;
  upload: ClipUploadContext;
  /** The user's upload texts (`upload-edits.json`). */
  edits: UploadEdits;
  credit: CreditLine | undefined;
}

/** The upload texts credit the video by its title, and link it when its id is a YouTube one. */
function defaultUploadContext(meta: ExportClipsOptions['videoMeta'], preset: Preset): ClipUploadContext {
  return { source: { title: meta.title, ...(isYoutubeVideoId(meta.id) ? { youtubeId: meta.id } : {}) }, shorts: preset.name === 'shorts' };
}

/** The clip's upload text (the user's edit of this clip when there is one), checked against the guidelines' banned words. */
function uploadOf(run: ExportRun, plan: ClipPlan, path: string, start: number, telops: ClipTelopParts | undefined): UploadText {
  const edited = editFor(run.edits, path, windowOf(plan));
  const moment = run.options.moments.find((m) => m.rank === plan.moment);
  const upload = edited ?? clipUploadText(run.upload, { moment, segments: plan.segments, person: plan.person, start, telops: telops?.parts });
  if (run.options.guidelines) checkTitleWords(run.options.guidelines, [{ clip: basename(path), title: upload.title }]);
  return upload;
}

/** The record with its upload text, also written beside the clip as `<clip>.upload.txt`. */
async function withUpload(run: ExportRun, plan: ClipPlan, record: ClipRecord, telops: ClipTelopParts | undefined): Promise<ClipRecord> {
  const upload = uploadOf(run, plan, record.path, record.start, telops);
  await writeUploadTextFile(record.path, upload);
  return { ...record, upload };
}

/** One clip: kept when the previous run made it with the same settings and it is still valid, else made. */
async function exportOne(run: ExportRun, plan: ClipPlan, onProgress: ProgressListener | undefined): Promise<ClipRecord> {
  const { options, video, preset } = run;
  const probe = (path: string): Promise<MediaInfo> => cached(run.probes, path, () => probeMedia(path, { signal: options.signal }));
  const sourceInfo = await probe(locateWindow(video, plan.segments[0] as TimeWindow).path);
  const base = join(run.clipsDir, options.fast ? copyFileName(plan.fileName, sourceInfo) : plan.fileName);
  const size = options.fast ? { width: sourceInfo.width, height: sourceInfo.height } : outputSize(preset, sourceInfo);
  const telops = clipTelops(options, plan, size);
  const key = await clipKey(plan, video, preset, options, telops, run.credit);
  const captions = captionsRecord(captionMode(options), telops);
  for (const old of reusable(run.known.clips, run.known, key, base, run.taken)) {
    // the earlier record's own window: a clip at the end of the video is shorter than planned
    if (!(await isUpToDate(old.path, { ...size, durationS: old.end - old.start, fast: options.fast }))) continue;
    run.taken.add(old.path);
    run.skipped += 1;
    options.log?.(`kept ${basename(old.path)} (already complete)`);
    const { captions: _old, upload: _text, ...kept } = old;
    return withUpload(run, plan, { ...kept, ...(captions ? { captions } : {}) }, telops);
  }
  const output = freeOutput(base, key, run.known, run.taken);
  run.taken.add(output);
  uploadOf(run, plan, output, windowOf(plan).start, telops); // a banned word stops it before the encode
  const settings = run.credit ? { ...options, credit: run.credit } : options;
  const rendered = await renderPlannedClip({ plan, video, output, workDir: run.workDir, size, preset, options: settings, telops, probe, onProgress });
  return withUpload(run, plan, { path: output, moment: plan.moment, person: plan.person, ...windowOf(plan), ...rendered, ...(captions ? { captions } : {}), key }, telops);
}

/** The telops of each part of the clip, when they are drawn and there is a track to draw them from. */
function clipTelops(options: ExportClipsOptions, plan: ClipPlan, frame: { width: number; height: number }): ClipTelopParts | undefined {
  if (!options.telops || !showsTelops(captionMode(options))) return undefined;
  return telopsOfParts(options.telops, plan.segments, frame);
}

/** `.part` files a killed run left (never complete): removed so they do not pile up. */
async function removeStalePartials(...dirs: string[]): Promise<void> {
  for (const dir of dirs) {
    for (const name of await readdir(dir)) {
      if (name.endsWith('.mp4.part') || name.endsWith('.mkv.part')) await rm(join(dir, name), { force: true });
    }
  }
}

function makePlans(options: ExportClipsOptions, preset: Preset): ClipPlan[] {
  const planOptions = {
    title: options.videoMeta.title,
    preset: preset.name,
    maxS: maxClipLength(preset, options.maxLength),
    // an unknown duration (0) must not squash every window to nothing
    durationS: options.videoMeta.durationS > 0 ? options.videoMeta.durationS : Number.POSITIVE_INFINITY,
    top: options.top,
    caption: showsTopComment(captionMode(options)) ? ('top-comment' as const) : undefined,
    snap: snapper(options, preset),
  };
  if (options.people) return planPersonClips(options.moments, options.people, planOptions);
  return planClips(options.moments, planOptions);
}

/** Telops on: each clip window moves to the cue boundaries nearby (the moments stay as ranked). */
function snapper(options: ExportClipsOptions, preset: Preset): ((window: TimeWindow) => TimeWindow) | undefined {
  const telops = options.telops;
  if (!telops || !showsTelops(captionMode(options))) return undefined;
  const limits = {
    maxS: maxClipLength(preset, options.maxLength),
    durationS: options.videoMeta.durationS > 0 ? options.videoMeta.durationS : Number.POSITIVE_INFINITY,
  };
  return (window) => snapWindow(window, telops.track, limits);
}

/** The crop actually applied: landscape scales, `--fast` copies, otherwise the option (default center). */
export function effectiveCrop(options: Pick<ExportClipsOptions, 'crop' | 'fast'>, preset: Preset): string {
  if (options.fast) return 'copy';
  if (!preset.size) return 'scale';
  return options.crop ?? 'center';
}

const MP4_VIDEO = new Set(['h264', 'hevc', 'mpeg4', 'av1']);
const MP4_AUDIO = new Set(['aac', 'mp3', 'ac3', 'alac']);

/** A stream copy keeps the source codecs: VP8/VP9, Opus or Vorbis go to Matroska instead of mp4. */
function copyFileName(name: string, info: MediaInfo): string {
  const fits = MP4_VIDEO.has(info.videoCodec) && (info.audioCodec === null || MP4_AUDIO.has(info.audioCodec));
  return fits ? name : name.replace(/\.mp4$/, '.mkv');
}

const windowOf = (plan: ClipPlan): TimeWindow => ({
  start: plan.segments[0]?.start ?? 0,
  end: plan.segments.at(-1)?.end ?? 0,
});

async function clipKey(
  plan: ClipPlan, video: AcquiredVideo, preset: Preset, options: ExportClipsOptions, telops: ClipTelopParts | undefined, credit: CreditLine | undefined,
): Promise<string> {
  const inputs = await Promise.all(plan.segments.map(async (s) => fileIdentity(locateWindow(video, s).path)));
  return fingerprint({
    v: EXPORT_VERSION,
    inputs,
    segments: plan.segments,
    preset,
    crop: effectiveCrop(options, preset),
    planner: options.cropPlanner ? (options.cropPlanner.name || 'planner') : null,
    ...(options.cropKey ? { framing: options.cropKey(plan) ?? null } : {}),
    caption: plan.caption ?? null,
    fast: options.fast === true,
    // what the telops draw (after the user's edits) and how: an edit re-exports only the clips it shows in
    ...(telops ? { telops } : {}),
    // the burned-in credit (`--credit`); absent keeps the keys of exports without one
    ...(credit ? { credit } : {}),
  });
}

function cached<T>(map: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let value = map.get(key);
  if (!value) {
    value = make();
    map.set(key, value);
  }
  return value;
}

/** Per-clip progress as stage `clip`, and the whole export weighed by clip length as stage `export` (with the clip as its item). */
function clipProgress(onProgress: ProgressListener | undefined, plan: ClipPlan, index: number, count: number, done: number, total: number): ProgressListener | undefined {
  if (!onProgress) return undefined;
  const length = planDuration(plan);
  return (p) => {
    onProgress({ stage: 'clip', fraction: p.fraction, message: plan.fileName });
    onProgress({
      stage: 'export',
      fraction: (done + p.fraction * length) / total,
      message: `clip ${index + 1}/${count}`,
      item: { index, count, fraction: p.fraction, label: plan.fileName },
    });
  };
}

/** `summary.mp4` of the plain clips, and `summary - <person>.mp4` per person. */
async function joinReels(
  manifest: ClipsManifest,
  run: ExportRun,
  onSkip: () => void,
): Promise<(SummaryRecord & { person: string | null })[]> {
  const { options, known, taken } = run;
  const groups = new Map<string | null, ClipRecord[]>();
  for (const clip of manifest.clips) groups.set(clip.person, [...(groups.get(clip.person) ?? []), clip]);
  const reels: (SummaryRecord & { person: string | null })[] = [];
  for (const [person, clips] of groups) {
    const name = person === null ? 'summary.mp4' : `summary - ${sanitizeFileName(person, 60)}.mp4`;
    const base = join(options.projectDir, name);
    const key = reelKey(clips);
    const before = reusable(known.reels, known, key, base, taken)[0];
    const output = before?.path ?? freeOutput(base, key, known, taken);
    taken.add(output);
    const onProgress = options.onProgress ? (p: Progress): void => options.onProgress?.({ stage: 'summary', fraction: p.fraction, message: name }) : undefined;
    const reel = await joinReel({ clips, output, previous: before, signal: options.signal, onProgress, onSkip });
    reels.push({ ...reel, person });
  }
  return reels;
}
