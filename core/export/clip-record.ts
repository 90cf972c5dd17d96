// A plain type module (no Node imports), so the renderer can share it through the app views.
/** One exported file (the `clips` shape of `kirinuki clips --json` in the README, plus the settings key used to skip re-runs). */
export interface ClipRecord {
  path: string;
  /** The moment's rank. */
  moment: number;
  person: string | null;
  /** The window in source seconds (first segment's start to last segment's end). */
  start: number;
  end: number;
  width: number;
  height: number;
  durationS: number;
  /** A hash of everything that shaped the file: the same key and a valid file means it is up to date. */
  key?: string;
}
