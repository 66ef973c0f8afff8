import { once } from 'node:events';
import { createServer } from 'node:net';

/** A port free right now (the OS picks it), for a spawned process whose config needs a number. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
