import type { FindMomentsOptions } from '../moments/moments-options.js';
import type { StageOptions } from '../progress.js';
import type { QuotaMeter } from '../youtube/quota-meter.js';
import type { ManifestVideo, VideoStatus } from './channel-manifest.js';
import { clipSteps, type ClipSettings } from './clip-steps.js';
import { runVideoPipeline } from './run-video-pipeline.js';

/** What every video of a channel run shares. */
export interface ChannelVideoSettings {
  /** Stop after moments: no video file, no faces, no clips. */
  momentsOnly?: boolean;
  moments?: FindMomentsOptions;
  maxComments?: number;
  clips?: ClipSettings;
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
}

/** One video of a channel run: the pipeline (resuming its project) and what the manifest records. */
export async function processChannelVideo(video: ManifestVideo, options: ChannelVideoOptions): Promise<VideoOutcome> {
  const steps = options.momentsOnly
    ? []
    : clipSteps({ ...options.clips, videoFile: options.videoFile, videoDir: options.videoDir, out: options.out });
  const result = await runVideoPipeline({
    root: options.out,
    source: video.id,
    videoId: video.id,
    quota: options.quota,
    apiKey: options.apiKey,
    apiRoot: options.apiRoot,
    maxComments: options.maxComments,
    moments: options.moments,
    steps,
    signal: options.signal,
    onProgress: options.onProgress,
    log: options.log,
  });
  const moments = result.project.moments?.length ?? 0;
  if (moments === 0) return { status: 'skipped', reason: 'No comment points at a moment of this video.', moments };
  if (options.momentsOnly) {
    const earlier = result.project.clips?.length;
    return earlier === undefined ? { status: 'done', moments } : { status: 'done', moments, clips: earlier };
  }
  return { status: 'done', moments, clips: result.project.clips?.length ?? 0 };
}
