import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { waitForPort } from '@chartline/infra';

/** A private FerretDB for tests that stop it: the shared MongoDB-wire server serves other suites. */

/** The FerretDB binary scripts/services.sh builds, if it is there. */
export function ferretDbBinary(): string | undefined {
  const cache = process.env['CHARTLINE_CACHE'] ?? join(homedir(), '.cache', 'chartline');
  const candidates = [join(cache, 'bin', 'ferretdb'), join(cache, 'bin', 'ferretdb-v1.24.2')];
  return candidates.find((path) => existsSync(path));
}

export async function startFerretDb(binary: string, port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(
    binary,
    [
      '--handler=sqlite',
      `--sqlite-url=file:${dataDir}/`,
      `--listen-addr=127.0.0.1:${port}`,
      `--state-dir=${dataDir}`,
      '--debug-addr=-',
      '--telemetry=disable',
      '--log-level=warn',
    ],
    { stdio: 'ignore' },
  );
  await waitForPort(port);
  return child;
}
