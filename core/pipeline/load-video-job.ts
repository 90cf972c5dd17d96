import { parseVideoSource, type Source } from '../youtube/parse-source.js';
import { loadCommentSet, type LoadCommentsOptions, type LoadedComments } from '../youtube/load-comment-set.js';
import type { LockHolder } from '../project/file-lock.js';
import type { PipelineResult } from './run-pipeline.js';

export type VideoSource = Exclude<Source, { kind: 'channel' }>;

/** A source parsed and its comments loaded (through their cache): what every video plan starts from. */
export async function loadSource(source: string, options: LoadCommentsOptions): Promise<{ parsed: VideoSource; comments: LoadedComments }> {
  const parsed = parseVideoSource(source);
  const comments = await loadCommentSet(source, options);
  return { parsed, comments };
}

/** The CLI's line while another run holds the project. */
export const waitingLine = (videoId: string) => (holder: LockHolder): string =>
  `waiting for ${holder.what} (process ${holder.pid}) to finish with project ${videoId}…`;

/** "skipped (unchanged): acquire, faces, export", for the log of a re-run. */
export function stagesLine(result: Pick<PipelineResult, 'ran' | 'skipped'>): string {
  const ran = result.ran.length > 0 ? `ran: ${result.ran.join(', ')}` : 'ran: nothing';
  return result.skipped.length > 0 ? `${ran}; skipped (unchanged): ${result.skipped.join(', ')}` : ran;
}
