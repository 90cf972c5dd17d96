import { useCallback, useEffect, useRef } from 'react';
import type { MomentView, ProjectView } from '../../../core/app/views';
import { call } from '../api/call';
import { isOverlap, type MergeRequest } from './useMergeOffer';

type MomentChange = { start?: number; end?: number; enabled?: boolean };

interface MomentEditsInput {
  project: ProjectView;
  onChange: (project: ProjectView) => void;
  offerMerge: (request: MergeRequest | null) => void;
  setError: (error: unknown) => void;
  selectedRank: number | null;
  setSelectedRank: (rank: number | null) => void;
}

/**
 * The Video screen's moment edits: one call at a time, so their answers (each the whole project)
 * arrive in order; `edit` changes one moment's in/out (a function of the moment builds on the last
 * answered edit), `changeMoments` adds, splits, deletes, undoes and selects what it made.
 */
export function useMomentEdits({ project, onChange, offerMerge, setError, selectedRank, setSelectedRank }: MomentEditsInput) {
  // moment changes run one after another, so their answers (each the whole project) arrive in order
  const momentCalls = useRef<Promise<unknown>>(Promise.resolve());
  const serial = useCallback(<T,>(run: () => Promise<T>): Promise<T> => {
    const next = momentCalls.current.catch(() => undefined).then(run);
    momentCalls.current = next;
    return next;
  }, []);

  // the moments as the last answered call left them: keys pressed faster than React re-renders
  // (a nudge, then another) each build on the one before, not on what is on screen
  const latestMoments = useRef(project.moments);
  useEffect(() => {
    latestMoments.current = project.moments;
  }, [project.moments]);

  const edit = useCallback(
    async (rank: number, change: MomentChange | ((moment: MomentView) => MomentChange)) => {
      let asked: MomentChange = {};
      try {
        const next = await serial(() => {
          const moment = latestMoments.current.find((m) => m.rank === rank);
          asked = typeof change === 'function' ? (moment ? change(moment) : {}) : change;
          return call('editMoment', { videoId: project.videoId, rank, ...asked });
        });
        latestMoments.current = next.moments;
        onChange(next);
        offerMerge(null);
      } catch (caught) {
        setError(caught);
        offerMerge(isOverlap(caught) ? { kind: 'edit', rank, change: { start: asked.start, end: asked.end } } : null);
      }
    },
    [offerMerge, onChange, project.videoId, serial],
  );

  /** A change to the moments (add / split / delete / undo / redo); selects a moment it made. */
  const changeMoments = useCallback(
    async (run: () => Promise<ProjectView>) => {
      try {
        const before = new Set(project.moments.map((m) => m.rank));
        const next = await serial(run);
        setError(null);
        onChange(next);
        const made = next.moments.filter((m) => !before.has(m.rank)).at(-1);
        if (made) setSelectedRank(made.rank);
        else if (selectedRank !== null && !next.moments.some((m) => m.rank === selectedRank)) setSelectedRank(next.moments[0]?.rank ?? null);
        return true;
      } catch (caught) {
        setError(caught);
        return false;
      }
    },
    [onChange, project.moments, selectedRank, serial],
  );
  return { edit, changeMoments };
}
