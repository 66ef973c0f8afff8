import { Agent, request } from 'node:http';
import { runForDuration } from './closed-loop.js';
import type { Figures } from './results.js';
import { ms, perSecond, summarise } from './stats.js';
import type { BenchSystem } from './system.js';

export interface ReadsOptions {
  /** Bed boards to read: hospital and ward ids the workload created. */
  readonly wards: readonly { hospitalId: string; wardId: string }[];
  /** The reads wait (once) until the views reach this position: the wards must be projected. */
  readonly position: number;
  readonly clients: number;
  readonly seconds: number;
  readonly log: (line: string) => void;
}

const STATUSES = ['', 'free', 'reserved', 'occupied', 'to_clean', 'closed'];

/**
 * Read throughput closed-loop against the read API process. Cached: the same bed boards again and
 * again (after one warming read each), answered from Redis. Uncached: every request a query never
 * asked before (page size, status, sort and order vary), so each one misses the cache and goes to
 * MongoDB — the cost of a miss, cache look-up and fill included.
 */
/** The cached loop's window on CLOCK_MONOTONIC, µs (for cutting a profile to it). */
export let cachedWindow: { fromMicros: number; toMicros: number } | undefined;

export async function benchReads(system: BenchSystem, figures: Figures, options: ReadsOptions): Promise<void> {
  const readApi = system.readApiUrl;
  if (!readApi) throw new Error(`no read API: ${system.missing['pipeline'] ?? 'not started'}`);
  if (options.wards.length === 0) throw new Error('the workload made no wards to read');
  // node:http with a keep-alive agent rather than fetch: the load generator shares the machine's
  // two cores with the read API, and fetch (undici) cost it ~2 ms of CPU per read.
  const agent = new Agent({ keepAlive: true, maxSockets: options.clients });
  const get = async (hospitalId: string, path: string, token?: number) => {
    const headers = {
      Authorization: `Bearer ${await system.tokenForReader(hospitalId)}`,
      ...(token ? { 'X-Consistency-Token': String(token) } : {}),
    };
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${readApi}${path}`, { agent, headers }, (res) => {
        res.on('data', () => {});
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end();
    });
    if (status !== 200) throw new Error(`GET ${path}: ${status}`);
  };
  const board = (w: { hospitalId: string; wardId: string }) => `/hospitals/${w.hospitalId}/wards/${w.wardId}/beds`;

  let firstError: string | undefined;
  const timed = (next: (n: number) => { hospitalId: string; path: string }) =>
    runForDuration(options.clients, options.seconds, async (n) => {
      try {
        const { hospitalId, path } = next(n);
        await get(hospitalId, path);
      } catch (error) {
        firstError ??= error instanceof Error ? error.message : String(error);
        throw error;
      }
    });

  for (const w of options.wards) await get(w.hospitalId, board(w), options.position);
  const readApiProcess = system.children.find((c) => c.name === 'read_api');
  const cpuBefore = readApiProcess?.cpuMs() ?? null;
  const ownBefore = process.cpuUsage();
  const from = process.hrtime.bigint();
  const cached = await timed((n) => {
    const w = options.wards[n % options.wards.length]!;
    return { hospitalId: w.hospitalId, path: board(w) };
  });
  const to = process.hrtime.bigint();
  const own = process.cpuUsage(ownBefore);
  const cpuAfter = readApiProcess?.cpuMs() ?? null;
  // The loop's window on CLOCK_MONOTONIC (µs, as V8's profile timestamps): BENCH_PROFILE_DIR's
  // profile of the read API is cut to it (index.ts).
  cachedWindow = { fromMicros: Number(from / 1000n), toMicros: Number(to / 1000n) };
  figures.set(
    'read.api_cpu_utilisation_cached',
    cpuBefore === null || cpuAfter === null ? null : ms((cpuAfter - cpuBefore) / (options.seconds * 1000)),
    'no /proc',
  );
  // CPU per cached read, of the read API and of the load generator (this process, which shares
  // the machine's two cores with it): what a read costs, whatever else the machine is doing.
  figures.set(
    'read.api_cpu_ms_per_cached_read',
    cpuBefore === null || cpuAfter === null || cached.done === 0 ? null : ms((cpuAfter - cpuBefore) / cached.done),
    'no /proc or no read answered',
  );
  figures.set(
    'read.bench_cpu_ms_per_cached_read',
    cached.done === 0 ? null : ms((own.user + own.system) / 1000 / cached.done),
    'no read answered',
  );
  figures.set('read.cached_p50_ms', cached.done === 0 ? null : ms(summarise(cached.latencies).p50), 'no read answered');
  const uncached = await timed((k) => {
    const w = options.wards[k % options.wards.length]!;
    const q = Math.floor(k / options.wards.length);
    const limit = 1 + (q % 100);
    const status = STATUSES[Math.floor(q / 100) % STATUSES.length]!;
    const sort = Math.floor(q / 600) % 2 === 0 ? 'label' : 'since';
    const order = Math.floor(q / 1200) % 2 === 0 ? 'asc' : 'desc';
    const round = Math.floor(q / 2400);
    // Past 2,400 distinct queries per ward, a cursor-less repeat would hit: stop counting there.
    if (round > 0) throw new Error('ran out of distinct queries');
    return {
      hospitalId: w.hospitalId,
      path: `${board(w)}?limit=${limit}&sort=${sort}&order=${order}${status ? `&status=${status}` : ''}`,
    };
  });
  const cachedLatency = summarise(cached.latencies);
  options.log(
    `reads: cached ${cached.done} in ${(cached.millis / 1000).toFixed(1)} s (p99 ${ms(cachedLatency.p99)} ms, ${cached.errors} failed); uncached ${uncached.done} (${uncached.errors} failed)`,
  );
  figures.set(
    'read.cached_rps',
    cached.errors === 0 ? perSecond(cached.done, cached.millis) : null,
    `${cached.errors} reads failed: ${firstError}`,
  );
  figures.set(
    'read.cached_p99_ms',
    cached.errors === 0 ? ms(cachedLatency.p99) : null,
    `${cached.errors} reads failed: ${firstError}`,
  );
  agent.destroy();
  figures.set(
    'read.uncached_rps',
    uncached.errors === 0 ? perSecond(uncached.done, uncached.millis) : null,
    `${uncached.errors} reads failed: ${firstError}`,
  );
}
