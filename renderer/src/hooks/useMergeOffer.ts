import { useState } from 'react';
import type { ProjectView } from '../../../core/app/views';
import { call } from '../api/call';

/** A moment change refused because it overlaps another (MOMENTS_OVERLAP), which the user can ask to merge instead. */
export type MergeRequest = { kind: 'edit'; rank: number; change: { start?: number; end?: number } } | { kind: 'add'; start: number; end: number };

export const isOverlap = (error: unknown): boolean => (error as { code?: unknown } | null)?.code === 'MOMENTS_OVERLAP';

/**
 * "Merge them" on an overlap: `offer` remembers the refused change (null forgets it); `action` is
 * the error notice's button, which runs the change again with `merge`, joining the moments it
 * overlaps in one undo step.
 */
export function useMergeOffer(videoId: string) {
  const [request, offer] = useState<MergeRequest | null>(null);
  const action = (error: unknown, changeMoments: (run: () => Promise<ProjectView>) => Promise<boolean>, onMergedAdd: () => void) => {
    if (!isOverlap(error) || !request) return null;
    const merge = async () => {
      const done = await changeMoments(() => request.kind === 'add'
        ? call('addMoment', { videoId, start: request.start, end: request.end, merge: true })
        : call('editMoment', { videoId, rank: request.rank, ...request.change, merge: true }));
      if (done) offer(null);
      if (done && request.kind === 'add') onMergedAdd();
    };
    return { label: 'Merge them', onClick: () => void merge(), testId: 'merge-moments' };
  };
  return { offer, action };
}
