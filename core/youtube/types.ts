/** Video metadata as Kirinuki uses it, whatever the source (Data API, info.json, local file). */
export interface VideoMeta {
  id: string;
  title: string;
  durationS: number;
  channelId?: string;
  channelTitle?: string;
  publishedAt?: string;
  /** Who may watch it, when the source says (Data API `status`, yt-dlp `availability`). */
  availability?: VideoAvailability;
  /** When the live stream ended (Data API `liveStreamingDetails.actualEndTime`, or yt-dlp's start + duration). */
  liveEndedAt?: string;
}

/** Who may watch a video: yt-dlp's `availability` values in Kirinuki's words. */
export type VideoAvailability = 'public' | 'unlisted' | 'private' | 'members_only' | 'paid' | 'needs_auth';

/** One comment or reply, normalised from the Data API or yt-dlp shapes. */
export interface VideoComment {
  id: string;
  text: string;
  likes: number;
  authorId: string;
  authorName?: string;
  isUploader?: boolean;
  /** Thread id for replies; undefined for top-level comments. */
  parentId?: string;
  publishedAt?: string;
}

/** yt-dlp's "most replayed" heatmap, values normalised to 0..1. */
export interface HeatmapPoint {
  start: number;
  end: number;
  value: number;
}

export interface Chapter {
  start: number;
  end: number;
  title: string;
}

/** Everything the moments stage needs about one video. */
export interface CommentSet {
  video: VideoMeta;
  comments: VideoComment[];
  heatmap?: HeatmapPoint[];
  chapters?: Chapter[];
}
