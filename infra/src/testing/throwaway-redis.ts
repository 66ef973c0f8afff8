import { type ChildProcess, spawn } from 'node:child_process';
import { commandInstalled, freePort, killProcess, waitForPort } from './local-processes.js';

/**
 * A private redis-server for tests that kill and restart Redis without touching the shared one
 * (other suites use it). In memory only: nothing is saved, so a restart comes back empty.
 */
export interface ThrowawayRedis {
  readonly url: string;
  readonly port: number;
  /** Starts it again on the same port (after `kill`) and waits until it accepts connections. */
  start(): Promise<void>;
  /** SIGKILL: a crash, as a dead Redis looks to its clients. */
  kill(): Promise<void>;
  /** Kills it if it is running. */
  destroy(): Promise<void>;
}

export const redisServerInstalled = (): Promise<boolean> => commandInstalled('redis-server');

export async function startThrowawayRedis(): Promise<ThrowawayRedis> {
  const port = await freePort();
  let server: ChildProcess | undefined;
  const redis: ThrowawayRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      server = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        {
          stdio: 'ignore',
        },
      );
      await waitForPort(port);
    },
    async kill() {
      if (server) await killProcess(server);
    },
    destroy: () => redis.kill(),
  };
  await redis.start();
  return redis;
}
