import { watchUrl } from '../acquire/video-for-source.js';
import type { FindMomentsOptions } from '../moments/moments-options.js';
import type { VideoStatus, ManifestVideo } from '../project/channel-manifest.js';
import type { StageOptions } from '../progress.js';
import type { SignalName } from '../moments/signal-names.js';
import type { QuotaMeter } from '../youtube/quota-meter.js';
import { guidelineRefusalOf, sourceCheckOf } from './guidelines-gate.js';
import { loadViewerSources } from './load-viewer-sources.js';
import type { YtDlpLatch } from './viewer-files-from-youtube.js';
import type { PipelineStage } from './pipeline-stage.js';
import type { StageName } from '../project/project-schema.js';
import { runPipeline } from './run-pipeline.js';
import { acquireStage } from './stages/acquire-stage.js';
import { commentsStage } from './stages/comments-stage.js';
import { exportStage } from './stages/export-stage.js';
import { facesStage } from './stages/faces-stage.js';
import { momentsStage } from './stages/moments-stage.js';
import { signalsStage } from './stages/signals-stage.js';
import { peopleStage } from './stages/people-stage.js';
import type { ClipSettings, VideoJob } from './video-job.js';

/** The preset of a channel run's clips when none is given. */
export const CHANNEL_DEFAULT_PRESET = 'shorts';

/** Export settings shared by the clips of every video of a channel run. */
export interface ChannelClipSettings extends Omit<ClipSettings, 'preset' | 'moments' | 'folder' | 'namedPeople' | 'persons'> {
  preset?: string;
  /** Skip face analysis (no people, no per-person clips). */
  noFaces?: boolean;
}

/** What every video of a channel run shares. */
export interface ChannelVideoSettings {
  /** Stop after moments: no video file, no faces, no clips. */
  momentsOnly?: boolean;
  moments?: FindMomentsOptions;
  maxComments?: number;
  /** `--signals`: each video's chat, heatmap and captions are fetched with yt-dlp unless it leaves them out. */
  signals?: SignalName[];
  /** `--subs-lang`: each video's captions in this language instead of its own. */
  subsLang?: string;
  /** Shared by the videos of one run: set when yt-dlp is missing or offline, so the rest skip it. */
  ytdlpLatch?: YtDlpLatch;
  clips?: ChannelClipSettings;
}

export interface ChannelVideoOptions extends StageOptions, ChannelVideoSettings {
  out: string;
  quota: QuotaMeter;
  apiKey?: string;
  apiRoot?: string;
  /** The local copy of the video, from --video-dir. */
  videoFile?: string;
  videoDir?: string;
  log?: (line: string) => void;
}

export interface VideoOutcome {
  status: Exclude<VideoStatus, 'pending' | 'failed'>;
  reason?: string;
  moments: number;
  clips?: number;
  /** The stages that ran (the others were complete with the same inputs and skipped). */
  ran?: StageName[];
}

/** The stages after moments: the video, its people matched with the channel's, the clips (none with --moments-only). */
function clipPlan(options: ChannelVideoOptions): PipelineStage<VideoJob>[] {
  if (options.momentsOnly) return [];
  const faces = options.clips?.noFaces ? [] : [facesStage, peopleStage];
  return [acquireStage, ...faces, exportStage];
}

function job(video: ManifestVideo, options: ChannelVideoOptions, comments: VideoJob['comments'], sources: VideoJob['sources']): VideoJob {
  const { noFaces: _noFaces, ...clips } = options.clips ?? {};
  const missing = options.videoDir && !options.videoFile
    ? `No file for video ${video.id} in ${options.videoDir} (name it "Title [${video.id}].mp4" or "${video.id}.mp4").`
    : undefined;
  return {
    root: options.out,
    videoId: video.id,
    comments,
    sources,
    momentsOptions: options.moments,
    input: { videoFile: options.videoFile, downloadUrl: watchUrl(video.id), missing },
    clips: { ...clips, preset: clips.preset ?? CHANNEL_DEFAULT_PRESET, namedPeople: true },
    faces: { scope: { kind: 'clips' } },
    channelOut: options.out,
  };
}

/**
 * One video of a channel run through the pipeline: comments (the cache makes a resumed run
 * free), moments, and unless --moments-only the video, its people matched with the channel's,
 * and the clips; every stage skipped when complete with the same inputs.
 */
export async function processChannelVideo(video: ManifestVideo, options: ChannelVideoOptions): Promise<VideoOutcome> {
  const { comments, sources } = await loadViewerSources(video.id, {
    root: options.out, quota: options.quota, apiKey: options.apiKey, apiRoot: options.apiRoot,
    maxComments: options.maxComments, signals: options.signals, subsLang: options.subsLang, ytdlpLatch: options.ytdlpLatch, signal: options.signal, onProgress: options.onProgress, log: options.log,
    checkSource: options.momentsOnly ? undefined : sourceCheckOf(options.clips?.guidelines),
  }).catch((error: unknown) => {
    throw guidelineRefusalOf(error, options.clips?.guidelines, video.id);
  });
  const videoJob = job(video, options, comments, sources);
  const run = { root: options.out, videoId: video.id, source: video.id, what: 'a channel run', wait: true, signal: options.signal, onProgress: options.onProgress, log: options.log };
  const found = await runPipeline([commentsStage, signalsStage, momentsStage], videoJob, run);
  const moments = found.project.moments?.length ?? 0;
  if (moments === 0) return { status: 'skipped', reason: 'No comment points at a moment of this video.', moments, ran: found.ran };
  const plan = clipPlan(options);
  const result = plan.length > 0 ? await runPipeline(plan, videoJob, run) : found;
  const clips = result.project.clips?.length;
  const ran = result === found ? found.ran : [...found.ran, ...result.ran];
  if (options.momentsOnly) return clips === undefined ? { status: 'done', moments, ran } : { status: 'done', moments, clips, ran };
  return { status: 'done', moments, clips: clips ?? 0, ran };
}
