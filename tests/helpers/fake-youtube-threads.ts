import { readFileSync } from 'node:fs';
import type { youtube_v3 } from '@googleapis/youtube';
import type { FakeVideo, Thread } from './fake-youtube-api.js';

/** The fixture `{video, threads}` file as a fake video (threads served as they are stored). */
export function fakeVideoFromCommentsFile(path: string): FakeVideo {
  const file = JSON.parse(readFileSync(path, 'utf8')) as {
    video: { id: string; title: string; duration: string; channelId?: string; channelTitle?: string; publishedAt?: string };
    threads: Thread[];
  };
  const { id, title, duration, channelId, channelTitle, publishedAt } = file.video;
  const video: FakeVideo = { id, title, duration, threads: file.threads };
  if (channelId) video.channelId = channelId;
  if (channelTitle) video.channelTitle = channelTitle;
  if (publishedAt) video.publishedAt = publishedAt;
  return video;
}

export interface SyntheticComment {
  text: string;
  likes?: number;
  authorId?: string;
  replies?: { text: string; likes?: number; authorId?: string }[];
}

/** commentThread resources made from plain texts, for corpora beyond the fixture (long videos, …). */
export function makeThreads(videoId: string, comments: readonly SyntheticComment[], channelId = 'UCfakeChannel000000000000'): Thread[] {
  return comments.map((c, i) => {
    const id = `Ug${videoId}${String(i).padStart(6, '0')}`;
    const thread: Thread = {
      kind: 'youtube#commentThread',
      etag: `e${i}`,
      id,
      snippet: {
        channelId,
        videoId,
        topLevelComment: makeComment(id, videoId, c.text, c.likes ?? 0, c.authorId ?? `UCauthor${i}`),
        canReply: true,
        totalReplyCount: c.replies?.length ?? 0,
        isPublic: true,
      },
    };
    if (c.replies?.length) {
      thread.replies = {
        comments: c.replies.map((r, j) =>
          makeComment(`${id}.r${j}`, videoId, r.text, r.likes ?? 0, r.authorId ?? `UCreply${i}x${j}`, id),
        ),
      };
    }
    return thread;
  });
}

function makeComment(
  id: string,
  videoId: string,
  text: string,
  likes: number,
  authorId: string,
  parentId?: string,
): youtube_v3.Schema$Comment {
  return {
    kind: 'youtube#comment',
    etag: `c-${id}`,
    id,
    snippet: {
      videoId,
      textDisplay: text,
      textOriginal: text,
      authorDisplayName: `@${authorId}`,
      authorChannelId: { value: authorId },
      likeCount: likes,
      publishedAt: '2026-01-02T00:00:00Z',
      updatedAt: '2026-01-02T00:00:00Z',
      ...(parentId ? { parentId } : {}),
    },
  };
}
