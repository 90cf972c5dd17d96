import { useCallback, useEffect, useRef, useState } from 'react';
import type { TelopRowView, TelopsView } from '../../../core/app/views';
import type { TelopEdit } from '../../../core/telops/telop';
import { call } from '../api/call';

/** What the user changed in a cue and the service has not saved yet. */
export type TelopDraft = Omit<TelopEdit, 'cueStart'>;

/** How long a cue's changes wait for the next keystroke or nudge before they are saved. */
const SAVE_AFTER_MS = 450;

export interface Telops {
  view: TelopsView | null;
  /** The rows with the unsaved changes applied. */
  rows: TelopRowView[];
  error: unknown;
  dismissError: () => void;
  /** Changes a cue now and saves it a moment later (text while typing, in/out nudges). */
  change: (cueStart: number, draft: TelopDraft) => void;
  /** Saves every pending change now (a text field lost focus, the moment changes). */
  flush: () => void;
  reset: (cueStart: number) => void;
  setStyle: (style: string) => void;
  /** The style the picker shows: the one just chosen while it is saved, then the view's (which the overlay draws). */
  styleName: string | null;
  reload: () => void;
  /** True while changes wait to be saved or a save runs. */
  saving: boolean;
}

/**
 * The telops of the selected moment: read with getTelops, changed locally at once and saved
 * debounced per cue with saveTelopEdit, then read again so the rows and the overlay show what an
 * export will draw. A reply that arrives after a newer request is dropped.
 */
export function useTelops(videoId: string, rank: number | null, windowKey: string): Telops {
  const [view, setView] = useState<TelopsView | null>(null);
  const [drafts, setDrafts] = useState<Record<string, TelopDraft>>({});
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(0);
  const [chosenStyle, setChosenStyle] = useState<string | null>(null);
  const draftsRef = useRef(drafts);
  draftsRef.current = drafts;
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  const request = useRef(0);
  const rankRef = useRef(rank);
  rankRef.current = rank;

  const load = useCallback(async () => {
    const asked = rankRef.current;
    if (asked === null) {
      setView(null);
      return;
    }
    const mine = ++request.current;
    try {
      const next = await call('getTelops', { videoId, moment: asked });
      if (mine === request.current) setView(next);
    } catch (caught) {
      if (mine === request.current) setError(caught);
    }
  }, [videoId]);

  const save = useCallback(
    async (key: string) => {
      timers.current.delete(key);
      const draft = draftsRef.current[key];
      if (!draft) return;
      // an empty text is not saved (the service refuses it): the row says to hide the cue instead
      if (draft.text !== undefined && draft.text.trim() === '') return;
      setSaving((n) => n + 1);
      try {
        await call('saveTelopEdit', { videoId, edit: { cueStart: Number(key), ...draft } });
        await load();
        // a change made while this one was saved stays as a draft, with its own timer
        setDrafts((all) => {
          if (all[key] !== draft) return all;
          const rest = { ...all };
          delete rest[key];
          return rest;
        });
      } catch (caught) {
        setError(caught);
        setDrafts((all) => {
          const rest = { ...all };
          delete rest[key];
          return rest;
        });
      } finally {
        setSaving((n) => n - 1);
      }
    },
    [load, videoId],
  );

  const flush = useCallback(() => {
    for (const [key, timer] of timers.current) {
      clearTimeout(timer);
      void save(key);
    }
    timers.current.clear();
  }, [save]);

  const change = useCallback(
    (cueStart: number, draft: TelopDraft) => {
      const key = String(cueStart);
      setDrafts((all) => {
        const next = { ...all, [key]: { ...all[key], ...draft } };
        draftsRef.current = next;
        return next;
      });
      const pending = timers.current.get(key);
      if (pending) clearTimeout(pending);
      timers.current.set(key, setTimeout(() => void save(key), SAVE_AFTER_MS));
    },
    [save],
  );

  const reset = useCallback(
    (cueStart: number) => {
      const key = String(cueStart);
      const pending = timers.current.get(key);
      if (pending) clearTimeout(pending);
      timers.current.delete(key);
      setDrafts((all) => {
        const rest = { ...all };
        delete rest[key];
        return rest;
      });
      call('resetTelopEdit', { videoId, cueStart }).then(load, setError);
    },
    [load, videoId],
  );

  const setStyle = useCallback(
    (style: string) => {
      // the overlay keeps drawing the saved style until the view with the new one's colours arrives
      setChosenStyle(style);
      call('setTelopStyle', { videoId, style })
        .then(load, setError)
        .finally(() => setChosenStyle((chosen) => (chosen === style ? null : chosen)));
    },
    [load, videoId],
  );

  // another moment (or its window moved): save what waits, then read the new one
  useEffect(() => {
    flush();
    setError(null);
    void load();
  }, [flush, load, rank, windowKey]);

  // leaving the screen saves what waits
  const flushRef = useRef(flush);
  flushRef.current = flush;
  useEffect(() => () => flushRef.current(), []);

  const rows = (view?.rows ?? []).map((row) => {
    const draft = drafts[String(row.cueStart)];
    return draft ? { ...row, ...draft, edited: true } : row;
  });
  return {
    view,
    rows,
    error,
    dismissError: () => setError(null),
    change,
    flush,
    reset,
    setStyle,
    styleName: chosenStyle ?? view?.style.name ?? null,
    reload: () => void load(),
    // an emptied text waits for the user, not for a save
    saving: saving > 0 || Object.values(drafts).some((draft) => draft.text === undefined || draft.text.trim() !== ''),
  };
}
