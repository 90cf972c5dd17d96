import type { MethodName } from '../core/app/contract.js';

/** One IPC channel per contract method, plus one for the event stream main → renderer. */
export const CALL_CHANNEL_PREFIX = 'kirinuki:call:';
export const EVENT_CHANNEL = 'kirinuki:event';

export function callChannel(name: MethodName): string {
  return `${CALL_CHANNEL_PREFIX}${name}`;
}
