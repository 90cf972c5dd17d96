import type { youtube_v3 } from '@googleapis/youtube';
import { stripHtml } from './strip-html.js';
import type { VideoComment } from './types.js';

type ApiThread = youtube_v3.Schema$CommentThread;
type ApiComment = youtube_v3.Schema$Comment;

/**
 * Data API comment threads (as `commentThreads.list` returns them with part snippet,replies) →
 * one flat list: each top-level comment followed by the replies the thread carries.
 */
export function threadsToComments(threads: readonly ApiThread[], uploaderChannelId?: string): VideoComment[] {
  const comments: VideoComment[] = [];
  for (const thread of threads) {
    const channelId = uploaderChannelId ?? thread.snippet?.channelId ?? undefined;
    const top = thread.snippet?.topLevelComment;
    const threadId = thread.id ?? top?.id ?? undefined;
    if (top) comments.push(toComment(top, channelId, undefined, threadId));
    for (const reply of thread.replies?.comments ?? []) {
      comments.push(toComment(reply, channelId, reply.snippet?.parentId ?? threadId ?? undefined));
    }
  }
  return comments;
}

function toComment(
  comment: ApiComment,
  uploaderChannelId: string | undefined,
  parentId: string | undefined,
  fallbackId?: string,
): VideoComment {
  const snippet = comment.snippet ?? {};
  const authorId = snippet.authorChannelId?.value ?? snippet.authorDisplayName ?? '';
  const result: VideoComment = {
    id: comment.id ?? fallbackId ?? '',
    text: snippet.textOriginal ?? stripHtml(snippet.textDisplay ?? ''),
    likes: snippet.likeCount ?? 0,
    authorId,
  };
  if (snippet.authorDisplayName) result.authorName = snippet.authorDisplayName;
  if (uploaderChannelId && authorId === uploaderChannelId) result.isUploader = true;
  if (parentId) result.parentId = parentId;
  if (snippet.publishedAt) result.publishedAt = snippet.publishedAt;
  return result;
}
