import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '@chartline/infra';

/**
 * The real entrypoints as child processes (as they run in production: one process each), so the
 * figures include their own event loops and their peak memory can be read per process.
 */
export interface RunningChild {
  readonly name: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Peak resident set (VmHWM) so far, MB; null once the process is gone or off Linux. */
  peakRssMb(): number | null;
  /** CPU time (user + system) used so far, ms; null off Linux. */
  cpuMs(): number | null;
  stop(): Promise<void>;
  /** The last few kB it wrote to stderr (why it exited, when it did). */
  stderr(): string;
}

const ROOT = join(import.meta.dirname, '..', '..');
/**
 * Ten processes compile their TypeScript side by side on two cores: on a loaded machine the last
 * one was ready after ~60 s, and a figure lost to a start-up deadline says nothing about speed.
 */
const READY_TIMEOUT_MS = 150_000;

/** VmHWM of /proc/<pid>/status, in MB: the kernel's own high-water mark, no sampling needed. */
export function peakRssOf(pid: number): number | null {
  try {
    const match = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** utime + stime of /proc/<pid>/stat, ms (clock ticks of 10 ms: USER_HZ is 100 on Linux). */
export function cpuMsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/**
 * CPU ms of every process whose command name starts with `name` (e.g. every PostgreSQL backend;
 * `ferretdb` for FerretDB, whose name the kernel cuts to 15 characters), by pid.
 */
export function cpuMsByProcessNamed(name: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    try {
      if (!readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith(name)) continue;
    } catch {
      continue; // gone meanwhile
    }
    const ms = cpuMsOf(pid);
    if (ms !== null) out.set(pid, ms);
  }
  return out;
}

/**
 * CPU the processes named `name` spent between `before` and now: a process that started meanwhile
 * counts whole, one that exited meanwhile is lost (a server's backends outlive a bench cell, so on
 * a quiet machine this is the server's CPU for the cell).
 */
export function cpuMsSince(name: string, before: ReadonlyMap<number, number>): number {
  let total = 0;
  for (const [pid, ms] of cpuMsByProcessNamed(name)) total += ms - (before.get(pid) ?? 0);
  return total;
}

/**
 * Starts `entry` and waits until GET /readyz answers 200: a .ts file under the repo with tsx, or a
 * bundle (`.mjs`, as the image runs `node dist/<process>.mjs`) with node alone (no compiling at start).
 */
export async function startChild(
  name: string,
  entry: string,
  env: Record<string, string>,
  options: {
    args?: readonly string[];
    /** Node's own flags (before the entry), e.g. `--cpu-prof`, which NODE_OPTIONS refuses. */
    nodeArgs?: readonly string[];
    readyTimeoutMs?: number;
    logFile?: string;
  } = {},
): Promise<RunningChild> {
  const port = await freePort();
  // Its log lines (stdout) kept in `logFile` when asked: what a process did during a fault. A bench
  // run keeps every child's in BENCH_LOG_DIR/<name>.log when that is set (why a read was refused).
  const logDir = process.env['BENCH_LOG_DIR'];
  const logFile = options.logFile ?? (logDir ? join(logDir, `${name}.log`) : undefined);
  if (logDir && options.logFile === undefined) mkdirSync(logDir, { recursive: true });
  const logFd = logFile === undefined ? undefined : openSync(logFile, 'a');
  const runner = entry.endsWith('.mjs') ? ['--enable-source-maps'] : ['--import', 'tsx'];
  const child = spawn(
    process.execPath,
    // BENCH_NODE_ARGS: Node flags for every child, e.g. `--trace-gc` (NODE_OPTIONS refuses it).
    [...nodeArgsFromEnv(), ...(options.nodeArgs ?? []), ...runner, resolve(ROOT, entry), ...(options.args ?? [])],
    {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port) },
      stdio: ['ignore', logFd ?? 'ignore', 'pipe'],
    },
  );
  if (logFd !== undefined) closeSync(logFd);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  let exited = false;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', () => {
      exited = true;
      resolve();
    }),
  );
  let peak: number | null = null;
  const peakRssMb = () => {
    if (!exited && child.pid !== undefined) peak = peakRssOf(child.pid) ?? peak;
    return peak;
  };
  const stop = async () => {
    peakRssMb();
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exit;
    clearTimeout(timer);
  };

  const deadline = Date.now() + (options.readyTimeoutMs ?? READY_TIMEOUT_MS);
  for (;;) {
    if (exited)
      throw new Error(`${name} exited before it was ready: ${stderr.trim().split('\n').slice(-5).join(' | ')}`);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(
        `${name} not ready after ${options.readyTimeoutMs ?? READY_TIMEOUT_MS} ms: ${stderr.trim().slice(-300)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const cpuMs = () => (exited || child.pid === undefined ? null : cpuMsOf(child.pid));
  return { name, port, child, peakRssMb, cpuMs, stop, stderr: () => stderr };
}

/** The servers on this machine, by the command name their processes carry. */
export const SERVER_PROCESSES = {
  postgres: 'postgres',
  mongodb_wire: 'ferretdb',
  kafka: 'java',
  redis: 'redis-server',
};

/**
 * Where the CPU went over a stretch of a run, as a share of one core per process: each of the
 * bench's own children, the servers (every process of each, whoever it serves: a quiet machine's
 * figure) and the bench process itself (the load generator).
 */
export function cpuShares(children: readonly { name: string; cpuMs(): number | null }[]) {
  const childBefore = new Map(children.map((c) => [c.name, c.cpuMs()]));
  const serverBefore = Object.fromEntries(
    Object.entries(SERVER_PROCESSES).map(([key, name]) => [key, cpuMsByProcessNamed(name)]),
  );
  const benchBefore = process.cpuUsage();
  const started = performance.now();
  return (): Record<string, number | null> => {
    const millis = performance.now() - started;
    const share = (cpuMs: number | null) =>
      cpuMs === null || millis <= 0 ? null : Math.round((cpuMs / millis) * 100) / 100;
    const out: Record<string, number | null> = {};
    for (const child of children) {
      const before = childBefore.get(child.name);
      const now = child.cpuMs();
      out[child.name] = share(before == null || now === null ? null : now - before);
    }
    for (const [key, name] of Object.entries(SERVER_PROCESSES)) out[key] = share(cpuMsSince(name, serverBefore[key]!));
    const bench = process.cpuUsage(benchBefore);
    out['bench'] = share((bench.user + bench.system) / 1000);
    return out;
  };
}

function nodeArgsFromEnv(): string[] {
  return (process.env['BENCH_NODE_ARGS'] ?? '').split(' ').filter((arg) => arg !== '');
}
