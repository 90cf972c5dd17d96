import { KirinukiError } from '../errors.js';
import { showValue } from '../fs/show-value.js';

/** Where the queue lives: `redis://[user:password@]HOST:PORT[/DB]`. */
export interface RedisAddress {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  /** The address without its password, for messages and logs. */
  display: string;
}

function invalid(raw: string, why: string): KirinukiError {
  const shown = showValue(raw.replace(/\/\/[^/@]*@/, '//…@')); // never a password in a message
  return new KirinukiError('INVALID_ARGUMENT', `--queue ${shown} ${why} (use redis://HOST:PORT or redis://HOST:PORT/DB).`);
}

/** Parses `--queue`; a password in it is kept out of `display`. */
export function parseRedisUrl(raw: string): RedisAddress {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw invalid(raw, 'is not a URL');
  }
  if (url.protocol !== 'redis:') throw invalid(raw, 'is not a redis:// URL');
  if (url.hostname === '') throw invalid(raw, 'names no host');
  const port = url.port === '' ? 6379 : Number(url.port);
  const dbText = url.pathname.replace(/^\//, '');
  const db = dbText === '' ? 0 : Number(dbText);
  if (!Number.isInteger(db) || db < 0 || db > 15) throw invalid(raw, 'has a database number outside 0–15');
  const address: RedisAddress = { host: url.hostname.replace(/^\[|\]$/g, ''), port, db, display: `redis://${url.host}/${db}` };
  if (url.username) address.username = decodeURIComponent(url.username);
  if (url.password) address.password = decodeURIComponent(url.password);
  return address;
}
