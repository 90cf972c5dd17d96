import type { CallOptions, MethodArgs, MethodName, MethodResult } from '../../../core/app/contract';

/** A failed call, with the core's stable code (the boundary carries `{code, message}`). */
export class CallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Calls one contract method and unwraps its outcome. */
export async function call<M extends MethodName>(
  name: M,
  args: MethodArgs<M>,
  options?: CallOptions,
): Promise<MethodResult<M>> {
  const method = window.kirinuki[name] as (a: MethodArgs<M>, o?: CallOptions) => Promise<
    { ok: true; value: MethodResult<M> } | { ok: false; error: { code: string; message: string } }
  >;
  const outcome = await method(args, options);
  if (!outcome.ok) throw new CallError(outcome.error.code, outcome.error.message);
  return outcome.value;
}

let counter = 0;
export function newJobId(prefix: string): string {
  counter += 1;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}
