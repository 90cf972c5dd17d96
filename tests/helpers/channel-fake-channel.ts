import { makeThreads, type FakeChannel, type FakeVideo, type SyntheticComment } from './fake-youtube-api.js';

export const CHANNEL_ID = 'UCkirinukiTestChannel000';
export const CHANNEL_HANDLE = '@KirinukiTest';

export interface ChannelVideoSpec {
  id: string;
  title: string;
  /** Comment threads pointing at `peakS` (each from its own author). */
  mentions: number;
  peakS?: number;
  /** Several moments: the mentions are shared out over these peaks. */
  peaks?: number[];
  /** Threads without a timestamp, to make more pages. */
  noise?: number;
  commentsDisabled?: boolean;
  durationS?: number;
}

function clock(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** Comments of a synthetic video: `mentions` viewers point at the peak, the rest just chat. */
export function syntheticComments(spec: ChannelVideoSpec): SyntheticComment[] {
  const peaks = spec.peaks ?? [spec.peakS ?? 125];
  const comments: SyntheticComment[] = [];
  for (let i = 0; i < spec.mentions; i += 1) {
    const peak = peaks[i % peaks.length] ?? 0;
    const t = peak + (Math.floor(i / peaks.length) % 2);
    comments.push({ text: `${clock(t)} ここ最高 <b>${spec.title}</b> #${i}`, likes: i % 7, authorId: `UCfan${spec.id}${i}` });
  }
  for (let i = 0; i < (spec.noise ?? 0); i += 1) comments.push({ text: `great stream ${i}`, authorId: `UCchat${i}` });
  return comments;
}

/** Fake videos, newest first: day `n` of the list is published n days before 2026-06-30. */
export function fakeChannelVideos(specs: ChannelVideoSpec[]): FakeVideo[] {
  return specs.map((spec, index) => ({
    id: spec.id,
    title: spec.title,
    duration: `PT${spec.durationS ?? 600}S`,
    channelId: CHANNEL_ID,
    channelTitle: 'Kirinuki Test <Channel>',
    publishedAt: new Date(Date.UTC(2026, 5, 30 - index, 12)).toISOString(),
    threads: spec.commentsDisabled ? [] : makeThreads(spec.id, syntheticComments(spec), CHANNEL_ID),
    commentsDisabled: spec.commentsDisabled === true,
  }));
}

export function fakeChannel(videos: FakeVideo[]): FakeChannel {
  return { id: CHANNEL_ID, title: 'Kirinuki Test <Channel>', handle: CHANNEL_HANDLE, uploads: videos.map((v) => v.id) };
}
