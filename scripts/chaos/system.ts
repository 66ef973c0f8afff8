import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bundle, repoRoot } from '../../infra/src/deploy/bundle.js';
import { moduleWorkloads } from '../../infra/src/deploy/workloads.js';
import { type RunningChild, startChild as startProcess } from '../bench/processes.js';
import { tokenMinter } from '../generate/tokens.js';
import type { WorkloadStep } from '../generate/workload.js';

export const JWT = { issuer: 'chartline-chaos', audience: 'chartline' } as const;

/**
 * Chartline as production runs it — the production entrypoints, one process each: command API,
 * relay, one projector per module with read models, one process per process manager, read API —
 * on the suite's own servers (production topic and group names are safe there: nobody else uses
 * that Kafka). Nothing here restarts a process: the suite asserts that none needs it.
 */
export interface ChaosSystem {
  readonly children: readonly RunningChild[];
  readonly commandUrl: string;
  readonly readUrl: string;
  readonly env: Readonly<Record<string, string>>;
  readonly tokenFor: (role: WorkloadStep['role'], hospitalId: string) => Promise<string>;
  /** Per process, whether its /readyz answers 200 now (a frozen or dead one: false). */
  readiness(timeoutMs?: number): Promise<Record<string, boolean>>;
  /** Processes that have exited (none should, whatever the servers do). */
  exited(): string[];
  stop(): Promise<void>;
}

export async function startChaosSystem(
  servers: Readonly<Record<string, string>>,
  overrides: Readonly<Record<string, string>> = {},
  /** Run the image's bundles (the chaos suite) rather than the TypeScript entrypoints under tsx (the restore drill, as before). */
  { bundled = false }: { readonly bundled?: boolean } = {},
): Promise<ChaosSystem> {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const key = () => randomBytes(32).toString('base64');
  const store = servers['POSTGRES_URL']!;
  const env = {
    EVENT_STORE_URL: store,
    KEY_STORE_URL: store,
    PERSONAL_DATA_MASTER_KEY: key(),
    BLIND_INDEX_KEY: key(),
    REDIS_URL: servers['REDIS_URL']!,
    MONGODB_URL: new URL('chartline', servers['MONGODB_URL']!).toString(),
    KAFKA_BROKERS: servers['KAFKA_BROKERS']!,
    KAFKA_PARTITIONS: '3',
    JWT_ISSUER: JWT.issuer,
    JWT_AUDIENCE: JWT.audience,
    JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    // The workload is a few callers at a steady rate: the per-caller limit is not what is tested.
    RATE_LIMIT_REQUESTS: '0',
    HOST: '127.0.0.1',
    ...overrides,
  };
  const children: RunningChild[] = [];
  // `bundled`: the processes run the image's bundles (`npm run build`'s dist/<process>.mjs, made here in a
  // couple of seconds into a folder of this run's own), as production does: no TypeScript compiled
  // at start. Under tsx a dozen processes compiling at once on a loaded 2-core machine took ~100 s
  // to be ready, a third of a short round.
  mkdirSync(join(repoRoot, '.chaos'), { recursive: true });
  const sources = {
    'command-api': 'commands/src/main/command-api.ts',
    relay: 'commands/src/main/relay.ts',
    'read-api': 'read-api/src/main/read-api.ts',
    projector: 'projections/src/main/projector.ts',
    'process-manager': 'commands/src/main/process-manager.ts',
  } as const;
  const dist = bundled ? mkdtempSync(join(repoRoot, '.chaos', 'dist-')) : undefined;
  if (dist) await bundle(dist);
  const entry = (name: keyof typeof sources) => (dist ? join(dist, `${name}.mjs`) : sources[name]);
  const slow = { readyTimeoutMs: 240_000 };
  // CHAOS_LOG_DIR: each process's log lines in <dir>/<name>.log (what it did during each fault).
  const logDir = process.env['CHAOS_LOG_DIR'];
  if (logDir) mkdirSync(logDir, { recursive: true });
  const startChild = (name: string, entry: string, childEnv: Record<string, string>, options: typeof slow) =>
    startProcess(name, entry, childEnv, { ...options, ...(logDir && { logFile: join(logDir, `${name}.log`) }) });
  const stop = async () => {
    for (const child of [...children].reverse()) await child.stop().catch(() => undefined);
    if (dist) rmSync(dist, { recursive: true, force: true });
  };
  try {
    // The command API first: it creates the event store's tables, which the others' readiness reads.
    children.push(await startChild('command-api', entry('command-api'), env, slow));
    const started = await Promise.allSettled([
      startChild('relay', entry('relay'), env, slow),
      startChild('read-api', entry('read-api'), env, slow),
      ...moduleWorkloads().map((w) =>
        startChild(w.name, entry(w.kind === 'projector' ? 'projector' : 'process-manager'), { ...env, ...w.env }, slow),
      ),
    ]);
    for (const result of started) if (result.status === 'fulfilled') children.push(result.value);
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  } catch (error) {
    await stop();
    throw error;
  }
  const portOf = (name: string) => children.find((c) => c.name === name)!.port;
  return {
    children,
    env,
    commandUrl: `http://127.0.0.1:${portOf('command-api')}`,
    readUrl: `http://127.0.0.1:${portOf('read-api')}`,
    tokenFor: tokenMinter({ privateKey, ...JWT }),
    async readiness(timeoutMs = 1500) {
      const answers = await Promise.all(
        children.map(async (c) => {
          const ready = await fetch(`http://127.0.0.1:${c.port}/readyz`, { signal: AbortSignal.timeout(timeoutMs) })
            .then((r) => r.status === 200)
            .catch(() => false);
          return [c.name, ready] as const;
        }),
      );
      return Object.fromEntries(answers);
    },
    exited: () => children.filter((c) => c.child.exitCode !== null || c.child.signalCode !== null).map((c) => c.name),
    stop,
  };
}
