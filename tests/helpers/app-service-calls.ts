import type { App } from '../../core/app/app-service.js';
import type { MethodName, MethodResult } from '../../core/app/contract.js';
import { dispatchCall } from '../../core/app/dispatch-call.js';
import { failure as failed, ok as succeeded } from './app-contract-suite.js';

/**
 * Calls of the app service as a host makes them (dispatchCall: argument checks, jobs, errors as
 * outcomes): `ok` returns the value or throws, `failure` returns the error or throws.
 */
export function appServiceCalls(app: () => App) {
  const call = (name: MethodName, args: unknown) => dispatchCall(app().service, app().jobs, name, args);
  return {
    call,
    ok: async <M extends MethodName>(name: M, args: unknown): Promise<MethodResult<M>> => succeeded(await call(name, args)) as MethodResult<M>,
    failure: async (name: MethodName, args: unknown) => failed(await call(name, args)),
  };
}
