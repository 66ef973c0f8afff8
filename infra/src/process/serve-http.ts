import { once } from 'node:events';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HttpService {
  readonly server: Server;
  /** The port actually bound (differs from the one asked for when that was 0). */
  readonly port: number;
  /** Stops accepting, lets in-flight requests finish (bounded), then closes the remaining sockets. */
  close(graceMs?: number): Promise<void>;
}

/**
 * Listens on a port and knows how to stop gracefully: on SIGTERM a pod must finish the requests
 * it holds (a half-done command is answered, not cut) but must not wait forever on keep-alive
 * sockets that carry nothing.
 */
export async function serveHttp(handler: RequestListener, port: number, host?: string): Promise<HttpService> {
  const server = createServer(handler);
  server.keepAliveTimeout = 5_000;
  server.listen(port, host);
  await once(server, 'listening');
  const bound = (server.address() as AddressInfo).port;
  let closing: Promise<void> | undefined;
  return {
    server,
    port: bound,
    close(graceMs = 10_000) {
      closing ??= new Promise<void>((resolve) => {
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        server.close(() => {
          clearTimeout(timer);
          resolve();
        });
        server.closeIdleConnections();
      });
      return closing;
    },
  };
}
