/** How much of a rejected value an error message shows. */
const SHOWN_CHARS = 40;

/** A short, printable rendering of an untrusted value: truncated, JSON-quoted (so NUL shows as \u0000). */
export function showValue(value: unknown): string {
  if (value === undefined) return '(missing)';
  if (value === null) return 'null';
  if (typeof value !== 'string') {
    return `(${Array.isArray(value) ? 'an array' : typeof value === 'object' ? 'an object' : `a ${typeof value}`})`;
  }
  const cut = value.length > SHOWN_CHARS ? `${value.slice(0, SHOWN_CHARS)}…` : value;
  return JSON.stringify(cut);
}
