import type { ChatEvidence } from '../chat/chat-evidence.js';

/** A timestamp pointed at by one comment. */
export interface Mention {
  /** Seconds from the start of the video. */
  t: number;
  /** End of a range mention (`3:12-3:40`), if given. */
  end?: number;
  commentId: string;
  authorId: string;
  likes: number;
  /** 1 / (timestamps in the comment), so a chapter list cannot outvote viewers. */
  weight: number;
}

export interface MomentComment {
  id: string;
  text: string;
  likes: number;
  t: number;
}

/** A ranked highlight window (the `moments --json` shape of the README). */
export interface Moment {
  rank: number;
  start: number;
  end: number;
  peak: number;
  score: number;
  mentions: number;
  comments: MomentComment[];
  /** The evidence of each viewer signal that found the moment (whichever apply). */
  signals?: MomentSignals;
}

/** Why a moment was chosen, per signal (`moments[].signals`). */
export interface MomentSignals {
  comments?: { mentions: number; authors: number };
  chat?: ChatEvidence;
  /** The hottest "most replayed" value (0..1) in the window. */
  heatmap?: { peak: number };
  /** Reaction tags of the captions in the window, e.g. `[笑い]`. */
  captions?: { tags: string[] };
}

/** The `moments` result of one video (the `moments --json` shape of the README, exactly). */
export interface MomentsResult {
  video: { id: string; title: string; durationS: number };
  /** Comments and replies loaded. */
  commentsFetched: number;
  /** Timestamps found inside the video. */
  mentions: number;
  moments: Moment[];
  /** Signals that could not be used and why (e.g. NO_CHAT_REPLAY); absent when every one was. */
  notes?: { code: string; message: string }[];
}
