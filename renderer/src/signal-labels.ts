import type { SignalName } from '../../core/app/views';

/** How the app names each viewer signal (lanes, badges, panel headings). */
export const SIGNAL_LABEL: Record<SignalName, string> = {
  comments: 'Comments',
  chat: 'Chat',
  heatmap: 'Most replayed',
  captions: 'Captions',
};

/** What a lane's bars count, for its tooltip. */
export const LANE_MEANING: Record<SignalName, string> = {
  comments: 'comments pointing at each moment of the video',
  chat: 'chatters reacting (laughing, gasping, cheering), moved back by the chat’s lag',
  heatmap: 'how often viewers replayed each part (YouTube’s “most replayed”)',
  captions: 'reaction tags in the captions, such as [Laughter] or [拍手]',
};

/** The chat's reaction kinds as words. */
export const CHAT_KIND_LABEL: Record<'laugh' | 'surprise' | 'hype', string> = {
  laugh: 'laughter',
  surprise: 'surprise',
  hype: 'hype',
};
