import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SilentServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  /** The path and query of every request it accepted. */
  seen: string[];
  close: () => Promise<void>;
}

/** A loopback HTTP server that accepts every request and never answers: a stalled network. */
export async function startSilentServer(): Promise<SilentServer> {
  const seen: string[] = [];
  const server = createServer((request) => {
    seen.push(request.url ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
