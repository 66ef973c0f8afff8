import { execFile } from 'node:child_process';
import { lstatSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');

export const SERVERS = ['postgres', 'kafka', 'mongo', 'redis'] as const;
export type ServerName = (typeof SERVERS)[number];

export interface OwnServers {
  /** KAFKA_BROKERS, MONGODB_URL, REDIS_URL, POSTGRES_URL of these instances. */
  readonly env: Readonly<Record<string, string>>;
  /** The pid `scripts/services.sh status` names for the server (its own pid file, checked against its program). */
  pidOf(server: ServerName): Promise<number | undefined>;
  /** The data folder given to scripts/services.sh (CHARTLINE_SERVICES_DIR). */
  readonly dir: string;
  /** What FerretDB stores its data in (CHARTLINE_FERRETDB_BACKEND), when the MongoDB-wire server is FerretDB. */
  readonly ferretdbBackend: 'sqlite' | 'postgresql';
  /** `scripts/services.sh up`: starts whatever of ours is not running (after a kill: the killed one). */
  up(): Promise<void>;
  /** `scripts/services.sh down`, then the data folder is removed. */
  destroy(): Promise<void>;
}

/**
 * Servers of our own for the chaos suite and the restore drill, started by `scripts/services.sh`
 * exactly as the tests' servers are, but on their own ports and data folder: the suite kills and
 * freezes them, so they must never be the shared ones on the default ports. Ports are
 * `CHAOS_PORT_BASE` (default 45000 for the chaos suite, 44000 for the restore drill) + 432 (PostgreSQL), + 1379 (Redis), + 2017 (MongoDB wire),
 * + 4092 and + 4093 (Kafka and its controller). Each run starts from an empty data folder, so no
 * earlier run's topics or rows are seen.
 */
export async function startOwnServers(
  name: string,
  log: (line: string) => void,
  defaultBase = 45_000,
  ferretdbBackend: 'sqlite' | 'postgresql' = ferretdbBackendOf(process.env['CHARTLINE_FERRETDB_BACKEND']),
): Promise<OwnServers> {
  const first = Number(process.env['CHAOS_PORT_BASE'] ?? defaultBase);
  const dir = join(ROOT, '.chaos', name);
  const envAt = (base: number): NodeJS.ProcessEnv => ({
    ...process.env,
    CHARTLINE_SERVICES_DIR: dir,
    CHARTLINE_FERRETDB_BACKEND: ferretdbBackend,
    CHARTLINE_PG_PORT: String(base + 432),
    CHARTLINE_REDIS_PORT: String(base + 1379),
    CHARTLINE_MONGO_PORT: String(base + 2017),
    CHARTLINE_KAFKA_PORT: String(base + 4092),
    CHARTLINE_KAFKA_CONTROLLER_PORT: String(base + 4093),
  });
  let env = envAt(first);
  const services = (command: string) =>
    run(join(ROOT, 'scripts', 'services.sh'), [command], { env, maxBuffer: 1 << 20 }).then((r) => r.stdout);
  const status = async (): Promise<string> =>
    services('status').catch((error: { stdout?: string }) => error.stdout ?? '');

  /**
   * Our ports lie in the kernel's ephemeral range, so a port may be taken for the moment by any
   * connection or port-0 listener on the machine (the final CI once found PostgreSQL's taken): then
   * everything is stopped and started again 100 ports higher, up to three times.
   */
  let base = first;
  for (let attempt = 0; ; attempt++) {
    base = first + attempt * 100;
    env = envAt(base);
    // A run that died before its clean-up left servers of ours: stop them (by their pid files) first.
    await services('down').catch(() => undefined);
    removeServersDir(dir);
    const started = Date.now();
    try {
      await services('up');
      log(
        `own servers up in ${((Date.now() - started) / 1000).toFixed(0)} s (${dir}, ports from ${base}, FerretDB on ${ferretdbBackend} if no mongod)`,
      );
      break;
    } catch (error) {
      if (attempt >= 2) throw error;
      log(`own servers did not start on ports from ${base} (one taken?): again from ${base + 100}`);
    }
  }
  const exported = Object.fromEntries(
    [...(await services('env')).matchAll(/^export ([A-Z_]+)=(.*)$/gm)].map((m) => [m[1]!, m[2]!]),
  );
  return {
    env: exported,
    dir,
    ferretdbBackend,
    async pidOf(server) {
      const line = (await status()).split('\n').find((l) => l.startsWith(`${server} `));
      const pid = line && /\bpid (\d+)/.exec(line)?.[1];
      return pid ? Number(pid) : undefined;
    },
    async up() {
      await services('up');
    },
    async destroy() {
      await services('down').catch(() => undefined);
      removeServersDir(dir);
    },
  };
}

/**
 * Removes a servers folder and what it links to. As root, where the postgres user cannot enter the
 * clone (under /work or /root), scripts/services.sh keeps the cluster in /var/tmp and links `pg`
 * to it: removing the folder alone left that cluster for the next run of the same folder, whose
 * PostgreSQL (the event store, the key store, FerretDB's PostgreSQL backend) then began with the
 * last run's events and views — a run in a worktree found 3,000 events of a run four hours
 * earlier under its own hospitals' ids and failed every check.
 */
export function removeServersDir(dir: string): void {
  const pg = join(dir, 'pg');
  try {
    if (lstatSync(pg).isSymbolicLink()) rmSync(realpathSync(pg), { recursive: true, force: true });
  } catch {
    // No pg in the folder (never started, or already removed): nothing is linked.
  }
  rmSync(dir, { recursive: true, force: true });
}

/** `sqlite` (scripts/services.sh's default) or `postgresql`; anything else is refused, not guessed. */
export function ferretdbBackendOf(value: string | undefined): 'sqlite' | 'postgresql' {
  if (value === undefined || value === '' || value === 'sqlite') return 'sqlite';
  if (value === 'postgresql') return 'postgresql';
  throw new Error(`FerretDB backend must be sqlite or postgresql (got '${value}')`);
}
