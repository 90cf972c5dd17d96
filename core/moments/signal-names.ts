import { KirinukiError } from '../errors.js';

/** The viewer signals a moment can come from (`--signals`), in the order they are shown. */
export const SIGNAL_NAMES = ['comments', 'chat', 'heatmap', 'captions'] as const;
export type SignalName = (typeof SIGNAL_NAMES)[number];

const isSignalName = (word: string): word is SignalName => (SIGNAL_NAMES as readonly string[]).includes(word);

/** `--signals comments,chat` → the names; every signal when the flag is absent. */
export function parseSignalList(raw: string | undefined, flag = '--signals'): SignalName[] {
  if (raw === undefined) return [...SIGNAL_NAMES];
  const words = raw.split(',').map((w) => w.trim().toLowerCase()).filter((w) => w !== '');
  const unknown = words.filter((w) => !isSignalName(w));
  if (words.length === 0 || unknown.length > 0) {
    throw new KirinukiError('INVALID_ARGUMENT', `${flag} takes a comma-separated list of ${SIGNAL_NAMES.join(', ')}; got "${raw}".`);
  }
  return SIGNAL_NAMES.filter((name) => words.includes(name));
}
