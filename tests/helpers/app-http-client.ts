import type { AppEvent, CallOptions, KirinukiApi, MethodName, Outcome } from '../../core/app/contract.js';
import { METHOD_NAMES } from '../../core/app/contract.js';
import type { MediaRef } from '../../core/app/views.js';

/**
 * A `KirinukiApi` over the HTTP host, for Node tests: the same requests the renderer's browser
 * host makes (POST /api/<method> with the token header, SSE at /api/events).
 */
export function httpKirinukiApi(base: string, token: string): KirinukiApi & { close: () => void } {
  const listeners = new Set<(event: AppEvent) => void>();
  const events = new AbortController();
  void readEvents(base, token, events.signal, listeners);
  const post = async (name: MethodName, args: unknown, options?: CallOptions): Promise<Outcome<unknown>> => {
    const response = await fetch(new URL(`api/${name}`, base), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Kirinuki-Token': token },
      body: JSON.stringify({ args, jobId: options?.jobId }),
    });
    return (await response.json()) as Outcome<unknown>;
  };
  const calls = Object.fromEntries(METHOD_NAMES.map((name) => [name, (args: unknown, o?: CallOptions) => post(name, args, o)]));
  return {
    ...(calls as unknown as Omit<KirinukiApi, 'host' | 'onEvent' | 'mediaUrl'>),
    host: 'browser',
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    mediaUrl: (ref: MediaRef) => new URL(`media/${ref.videoId}/${ref.rel.split('/').map(encodeURIComponent).join('/')}`, base).toString(),
    close: () => events.abort(),
  };
}

async function readEvents(base: string, token: string, signal: AbortSignal, listeners: Set<(event: AppEvent) => void>): Promise<void> {
  try {
    const response = await fetch(new URL('api/events', base), { headers: { 'X-Kirinuki-Token': token }, signal });
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = block.split('\n').filter((line) => line.startsWith('data: ')).map((line) => line.slice(6)).join('\n');
        if (data) for (const listener of listeners) listener(JSON.parse(data) as AppEvent);
      }
    }
  } catch {
    // aborted at the end of the test
  }
}
