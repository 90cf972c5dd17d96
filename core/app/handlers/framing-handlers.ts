import { resolve } from 'node:path';
import { locateWindow, wholeFile } from '../../acquire/video-sections.js';
import { KirinukiError } from '../../errors.js';
import { planWindow } from '../../export/clip-plan.js';
import { showsTelops, showsTopComment, snapWindow } from '../../export/clip-telops.js';
import { captionText, topComment } from '../../export/top-comment.js';
import type { CropOption } from '../../export/crop-modes.js';
import { getPreset, maxClipLength, outputSize, type PresetName } from '../../export/presets.js';
import type { ClipLayout } from '../../media/clip-layout.js';
import { probeMedia, type MediaInfo } from '../../media/probe.js';
import { formatTimestamp as formatClock } from '../../moments/format-timestamp.js';
import type { Moment } from '../../moments/types.js';
import { readTelops } from '../../pipeline/job-telops.js';
import { projectDir } from '../../project/project-dir.js';
import type { CropPlanner } from '../../reframe/crop-planner.js';
import { createFollowCropPlanner } from '../../reframe/follow-crop-planner.js';
import { createFramedCropPlanner, tracksKey } from '../../reframe/framed-crop-planner.js';
import { framingOf, readFraming, updateFraming } from '../../reframe/framing.js';
import { previewRuns } from '../../reframe/preview-layout.js';
import type { ReframeLayout } from '../../reframe/reframe-layouts.js';
import type { CaptionMode } from '../../telops/telop.js';
import type { FaceTrack } from '../../faces/types.js';
import type { AppContext } from '../app-context.js';
import type { AppService } from '../contract.js';
import { findProjectSubtitles } from '../project-subtitles.js';
import { buildProjectView, requireProject } from '../project-view.js';
import type { FramingPreviewView, MomentView } from '../views.js';
import { peopleTracks, peopleView } from './people-handlers.js';
import { rememberedSettings } from './export-handlers.js';
import { readAppState } from '../app-state.js';

type FramingHandlers = Pick<AppService, 'previewFraming' | 'saveFraming'>;

/** The export settings the preview plans for (the Export screen's, when the renderer passes them). */
export interface PreviewSettings {
  videoId: string;
  moment: number;
  preset?: PresetName;
  crop?: CropOption;
  caption?: CaptionMode;
  maxLengthS?: number | null;
}

export interface FramingHandlerOptions {
  /**
   * The follow camera (tests pass a stub); default core/reframe's, given the People screen's tracks
   * when faces were analysed (as the export's), else analysing the clip's span.
   */
  follow?: (layout: ReframeLayout, tracks: FaceTrack[] | undefined) => CropPlanner;
  probe?: (path: string) => Promise<MediaInfo>;
}

/** The top comment's caption as a clip of the moment draws it (core/export's plan), or null. */
function captionOf(moment: MomentView): string | null {
  const comment = topComment(moment);
  return comment ? captionText(comment.text) : null;
}

function toMoment(view: MomentView): Moment {
  const { rank, start, end, peak, score, mentions, comments } = view;
  return { rank, start, end, peak: Math.min(Math.max(peak, start), end), score, mentions, comments };
}

/**
 * The Video screen's portrait preview: the clip window of a moment and its framing, planned by
 * the export's own crop planner (core/reframe/framed-crop-planner.ts, whose follow plans are
 * cached in `<project>/framing-plans/` and read again by the export), and the user's override.
 */
export function framingHandlers(app: AppContext, options: FramingHandlerOptions = {}): FramingHandlers {
  const probes = new Map<string, Promise<MediaInfo>>();
  const probe = options.probe ?? ((path: string): Promise<MediaInfo> => {
    let info = probes.get(path);
    if (!info) {
      info = probeMedia(path);
      probes.set(path, info);
      info.catch(() => probes.delete(path));
    }
    return info;
  });
  const follow = options.follow ?? ((layout: ReframeLayout, tracks: FaceTrack[] | undefined) =>
    createFollowCropPlanner({ layout, ...(tracks ? { tracks: () => tracks } : {}) }));

  async function preview(args: PreviewSettings, signal?: AbortSignal): Promise<FramingPreviewView> {
    const root = await app.root();
    const project = await requireProject(root, args.videoId);
    if (!project.videoFile) {
      throw new KirinukiError('FILE_NOT_FOUND', `The project ${args.videoId} has no video file yet; attach it to see the portrait preview.`);
    }
    const view = await buildProjectView(root, args.videoId);
    const moment = view.moments.find((m) => m.rank === args.moment);
    if (!moment) throw new KirinukiError('INVALID_ARGUMENT', `Moment #${args.moment} does not exist in ${args.videoId}.`);
    // what the user does not pass is what the Export screen has (remembered per project): what you see is what exports
    const remembered = rememberedSettings(await readAppState(root, args.videoId).catch(() => ({})));
    const presetName = args.preset ?? remembered?.preset ?? (await app.settings.view()).defaultPreset;
    const preset = getPreset(presetName);
    if (!preset.size) {
      throw new KirinukiError('INVALID_ARGUMENT', `The Export screen is set to ${presetName}, which keeps the video's shape: choose Shorts, TikTok or Reels there to see the 9:16 framing.`);
    }
    const crop = args.crop ?? remembered?.crop ?? 'follow';
    const caption = args.caption ?? remembered?.caption ?? 'none';
    const maxLengthS = args.maxLengthS !== undefined ? args.maxLengthS : (remembered?.maxLengthS ?? null);
    const maxS = maxClipLength(preset, maxLengthS ?? undefined);
    const duration = project.video?.durationS ?? view.durationS;
    const durationS = duration > 0 ? duration : Number.POSITIVE_INFINITY;
    const dir = projectDir(root, args.videoId);
    // telops on: the export snaps the clip to the cues nearby, and so does the preview
    let snap: ((w: { start: number; end: number }) => { start: number; end: number }) | undefined;
    if (showsTelops(caption)) {
      const subs = await findProjectSubtitles(root, project);
      const telops = await readTelops({ mode: caption, ...(subs ? { subs } : {}), projectDir: dir, what: args.videoId });
      const track = telops.telops?.track;
      if (track) snap = (w) => snapWindow(w, track, { maxS, durationS });
    }
    const window = planWindow(toMoment(moment), { maxS, durationS, snap });
    const path = resolve(project.videoFile);
    const info = await probe(path);
    if (info.durationS > 0 && window.start >= info.durationS) {
      throw new KirinukiError('INVALID_ARGUMENT', `Moment #${args.moment} starts after the end of the attached video (${formatClock(info.durationS)} long): attach the whole video, or edit the moment.`);
    }
    const size = outputSize(preset, info);
    const framing = await readFraming(dir);
    // the export's camera follows the People screen's ids: so does the preview's, with the same tracks
    const tracks = await peopleTracks(root, args.videoId);
    const planner = createFramedCropPlanner({
      crop, framing, moments: [moment], follow: (layout) => follow(layout, tracks), cacheDir: `${dir}/framing-plans`, tracksKey: tracksKey(tracks),
    });
    const planned = await planner({
      person: null,
      moment: args.moment,
      segment: window,
      input: locateWindow(wholeFile(path), window),
      source: info,
      ...size,
      signal,
    });
    const layout: ClipLayout = planned ?? (crop === 'blur' ? { mode: 'blur' } : { mode: 'center' });
    const people = await peopleView(root, args.videoId).catch(() => undefined);
    return {
      videoId: args.videoId,
      moment: args.moment,
      window,
      source: { width: info.width, height: info.height },
      output: size,
      preset: preset.name as PresetName,
      crop,
      caption,
      maxLengthS,
      topComment: showsTopComment(caption) ? captionOf(moment) : null,
      override: framingOf(framing, moment) ?? null,
      runs: previewRuns(layout, info, size, window.end - window.start),
      people: people?.analyzed ? people.people.filter((p) => !p.hidden).map((p) => ({ id: p.id, name: p.name ?? p.id })) : [],
    };
  }

  // One preview per project at a time: the user clicked another moment, so the plan of the last one
  // (seconds of face analysis when the People screen has none) is stopped instead of finished.
  const running = new Map<string, AbortController>();
  async function latestPreview(args: PreviewSettings, signal: AbortSignal): Promise<FramingPreviewView> {
    running.get(args.videoId)?.abort();
    const mine = new AbortController();
    running.set(args.videoId, mine);
    try {
      return await preview(args, AbortSignal.any([signal, mine.signal]));
    } finally {
      if (running.get(args.videoId) === mine) running.delete(args.videoId);
    }
  }

  return {
    previewFraming: (args, call) => latestPreview(args, call.signal),
    async saveFraming({ override, ...args }, call) {
      const root = await app.root();
      // stamped with the moment's window: when another moment takes this rank, the override does not follow the rank
      const moment = (await buildProjectView(root, args.videoId)).moments.find((m) => m.rank === args.moment);
      if (!moment) throw new KirinukiError('INVALID_ARGUMENT', `Moment #${args.moment} does not exist in ${args.videoId}.`);
      await updateFraming(projectDir(root, args.videoId), moment, override);
      return latestPreview(args, call.signal);
    },
  };
}
