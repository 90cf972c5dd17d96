import { KirinukiError, type ErrorCode } from '../errors.js';

/**
 * `JSON.parse` whose failure names the file and never quotes it: V8's SyntaxError message carries
 * the text itself (`Unexpected token 's', "{"key": secret…" is not valid JSON`), and a file may hold
 * a key or a token. Only where the problem is (line and column, when V8 says) leaves this function.
 */
export function parseJsonText(text: string, path: string, code: ErrorCode): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new KirinukiError(code, `${path} is not valid JSON${whereItBreaks(text, error)}.`);
  }
}

function whereItBreaks(text: string, error: unknown): string {
  if (text.trim() === '') return ' (it is empty)';
  const message = error instanceof Error ? error.message : '';
  const position = /\bposition (\d+)\b/.exec(message)?.[1];
  if (position === undefined) return '';
  const offset = Math.min(Number(position), text.length);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  return ` (line ${line}, column ${column})`;
}
