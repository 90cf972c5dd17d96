/** An AbortSignal that fires when `touch` was not called for `ms`, or when the caller's does. */
export interface IdleDeadline {
  signal: AbortSignal;
  /** Something happened (a chunk sent): the wait starts again. */
  touch: () => void;
  /** True when the timer (not the caller) fired. */
  timedOut: () => boolean;
  clear: () => void;
}

export function idleDeadline(ms: number, caller: AbortSignal | undefined): IdleDeadline {
  const controller = new AbortController();
  let fired = false;
  // a plain ref'd timer holding the controller (AbortSignal.timeout can be collected before it fires on Node 20)
  const start = (): NodeJS.Timeout => setTimeout(() => {
    fired = true;
    controller.abort(new Error(`idle for ${ms} ms`));
  }, ms);
  let timer = start();
  const onCancel = (): void => controller.abort(caller?.reason);
  if (caller?.aborted) onCancel();
  else caller?.addEventListener('abort', onCancel, { once: true });
  return {
    signal: controller.signal,
    touch: () => {
      clearTimeout(timer);
      timer = start();
    },
    timedOut: () => fired,
    clear: () => {
      clearTimeout(timer);
      caller?.removeEventListener('abort', onCancel);
    },
  };
}
