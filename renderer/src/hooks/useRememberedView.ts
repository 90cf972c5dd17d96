import { useEffect, useRef } from 'react';
import type { ProjectView } from '../../../core/app/views';
import { call } from '../api/call';

const KEY = 'kirinuki-view';

interface Remembered {
  screen: string;
  videoId: string | null;
}

function readRemembered(): Remembered | null {
  try {
    return JSON.parse(sessionStorage.getItem(KEY) ?? 'null') as Remembered | null;
  } catch {
    return null;
  }
}

/**
 * Keeps the open screen and project in the tab's sessionStorage, so a reload comes back to them
 * (with the running job of that screen shown again). `restore` is called once, at start.
 */
export function useRememberedView<S extends string>(
  screen: S,
  videoId: string | null,
  restore: (screen: S, project: ProjectView | null) => void,
): void {
  const restored = useRef(false);
  const restoreRef = useRef(restore);
  restoreRef.current = restore;

  useEffect(() => {
    if (restored.current) return;
    restored.current = true;
    const saved = readRemembered();
    if (!saved || typeof saved.screen !== 'string') return;
    const screenSaved = saved.screen as S;
    if (!saved.videoId) {
      restoreRef.current(screenSaved, null);
      return;
    }
    call('openProject', { videoId: saved.videoId }).then(
      (project) => restoreRef.current(screenSaved, project),
      () => undefined,
    );
  }, []);

  useEffect(() => {
    if (!restored.current) return;
    sessionStorage.setItem(KEY, JSON.stringify({ screen, videoId } satisfies Remembered));
  }, [screen, videoId]);
}
