/** One line of a yt-dlp live-chat file: when it happened and what it does. */
export interface ChatLine {
  timeMs: number;
  actions: unknown[];
}

interface RawLine {
  replayChatItemAction?: { actions?: unknown; videoOffsetTimeMsec?: unknown };
  videoOffsetTimeMsec?: unknown;
}

/**
 * Reads one line. A replay line holds its offset inside `replayChatItemAction`; a line yt-dlp
 * recorded from a stream still live holds it beside (`{replayChatItemAction: {actions},
 * videoOffsetTimeMsec, isLive}`), measured from when the recording started, so it can be negative.
 * Undefined when the line is not JSON or not a chat action with a time.
 */
export function parseChatLine(text: string): ChatLine | undefined {
  let raw: RawLine;
  try {
    raw = JSON.parse(text) as RawLine;
  } catch {
    return undefined;
  }
  const replay = raw?.replayChatItemAction;
  if (typeof replay !== 'object' || replay === null || !Array.isArray(replay.actions)) return undefined;
  const timeMs = Number(replay.videoOffsetTimeMsec ?? raw.videoOffsetTimeMsec);
  if (!Number.isFinite(timeMs)) return undefined;
  return { timeMs, actions: replay.actions as unknown[] };
}
