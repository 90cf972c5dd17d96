import { KirinukiError } from './errors.js';

export function cancelledError(): KirinukiError {
  return new KirinukiError('CANCELLED', 'The operation was cancelled.');
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError();
}
