import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';

/** JSON with object keys sorted, so the same input always gives the same text. */
function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** A short stable hash of a stage's inputs: equal inputs, equal fingerprint. */
export function fingerprint(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);
}

/** What identifies a file's content cheaply: its absolute path, size and modification time. */
export async function fileIdentity(path: string): Promise<{ path: string; size: number; mtimeMs: number }> {
  const info = await stat(path);
  return { path, size: info.size, mtimeMs: Math.round(info.mtimeMs) };
}
