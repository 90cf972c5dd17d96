import type { AppEvent, CallOptions, KirinukiApi, MethodName, Outcome } from '../../../core/app/contract';
import type { MediaRef } from '../../../core/app/views';
import { METHODS } from './method-names';

const TOKEN_HEADER = 'X-Kirinuki-Token';
const TOKEN_KEY = 'kirinuki-token';

/**
 * One POST to `kirinuki serve` with the session's token (from the printed URL, kept in the tab's
 * sessionStorage); a request that got no answer becomes a NETWORK outcome, `unreachable` saying what.
 */
export async function postToServer<T>(path: string, contentType: string, body: BodyInit, unreachable: string): Promise<Outcome<T>> {
  try {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': contentType, [TOKEN_HEADER]: sessionStorage.getItem(TOKEN_KEY) ?? '' },
      body,
      credentials: 'same-origin',
    });
    return (await response.json()) as Outcome<T>;
  } catch (error) {
    return {
      ok: false,
      error: { code: 'NETWORK', message: `${unreachable} (${(error as Error).message}); is \`kirinuki serve\` still running?` },
    };
  }
}

function post(name: MethodName, args: unknown, options?: CallOptions): Promise<Outcome<unknown>> {
  const body = JSON.stringify({ args: args ?? {}, jobId: options?.jobId });
  return postToServer(`./api/${name}`, 'application/json', body, 'The Kirinuki server did not answer');
}

/** The event stream; it reconnects by itself, and each (re)connection is told to `connected`. */
function eventSource(listeners: Set<(event: AppEvent) => void>, connected: Set<() => void>): void {
  const source = new EventSource('./api/events');
  source.onopen = () => {
    for (const listener of connected) listener();
  };
  source.onmessage = (message: MessageEvent<string>) => {
    const event = JSON.parse(message.data) as AppEvent;
    for (const listener of listeners) listener(event);
  };
}

/**
 * `window.kirinuki` under `kirinuki serve`: the same interface as the Electron preload, over
 * `POST /api/<method>` and server-sent events. The token comes from the URL the server printed
 * (the server also sets it as a same-site cookie, so media URLs need no token).
 */
export function createBrowserHost(): KirinukiApi {
  const listeners = new Set<(event: AppEvent) => void>();
  const connected = new Set<() => void>();
  eventSource(listeners, connected);
  const calls = Object.fromEntries(
    METHODS.map((name) => [name, (args: unknown, options?: CallOptions) => post(name, args, options)]),
  );
  return {
    ...(calls as unknown as Omit<KirinukiApi, 'host' | 'onEvent' | 'onConnect' | 'mediaUrl' | 'downloadUrl'>),
    host: 'browser',
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onConnect(listener) {
      connected.add(listener);
      return () => connected.delete(listener);
    },
    mediaUrl(ref: MediaRef) {
      return `./media/${encodeURIComponent(ref.videoId)}/${ref.rel.split('/').map(encodeURIComponent).join('/')}`;
    },
    downloadUrl(ref: MediaRef) {
      return `./download/${encodeURIComponent(ref.videoId)}/${ref.rel.split('/').map(encodeURIComponent).join('/')}`;
    },
  };
}

/** Installs the browser host unless a host (the Electron preload) is already there. */
export function installBrowserHost(): void {
  if ((window as Partial<Window>).kirinuki) return;
  const url = new URL(window.location.href);
  sessionStorage.setItem(TOKEN_KEY, url.searchParams.get('token') ?? sessionStorage.getItem(TOKEN_KEY) ?? '');
  if (url.searchParams.has('token')) {
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.toString());
  }
  window.kirinuki = createBrowserHost();
}
