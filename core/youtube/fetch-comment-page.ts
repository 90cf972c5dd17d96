import type { youtube_v3 } from '@googleapis/youtube';
import { callApi } from './call-api.js';
import type { ApiCallContext } from './fetch-video-meta.js';

export const THREADS_PER_PAGE = 100;

export interface CommentPage {
  threads: youtube_v3.Schema$CommentThread[];
  nextPageToken?: string;
}

/** One `commentThreads.list` page (1 quota unit): part snippet,replies, plain text, up to 100 threads. */
export async function fetchCommentPage(
  videoId: string,
  pageToken: string | undefined,
  maxResults: number,
  context: ApiCallContext,
): Promise<CommentPage> {
  const params: youtube_v3.Params$Resource$Commentthreads$List = {
    videoId,
    part: ['snippet,replies'],
    maxResults: Math.max(1, Math.min(THREADS_PER_PAGE, Math.floor(maxResults))),
    textFormat: 'plainText',
  };
  if (pageToken) params.pageToken = pageToken;
  const data = await callApi(
    (signal) => context.client.commentThreads.list(params, { signal }),
    {
      method: 'commentThreads.list',
      quota: context.quota,
      signal: context.signal,
      retry: context.retry,
      subject: `video ${videoId}`,
    },
  );
  const page: CommentPage = { threads: data.items ?? [] };
  if (data.nextPageToken) page.nextPageToken = data.nextPageToken;
  return page;
}
