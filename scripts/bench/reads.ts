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
export async function benchReads(system: BenchSystem, figures: Figures, options: ReadsOptions): Promise<void> {
  const readApi = system.readApiUrl;
  if (!readApi) throw new Error(`no read API: ${system.missing['pipeline'] ?? 'not started'}`);
  if (options.wards.length === 0) throw new Error('the workload made no wards to read');
  const get = async (hospitalId: string, path: string, token?: number) => {
    const res = await fetch(`${readApi}${path}`, {
      headers: {
        Authorization: `Bearer ${await system.tokenForReader(hospitalId)}`,
        ...(token ? { 'X-Consistency-Token': String(token) } : {}),
      },
    });
    await res.arrayBuffer();
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
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
  const cached = await timed((n) => {
    const w = options.wards[n % options.wards.length]!;
    return { hospitalId: w.hospitalId, path: board(w) };
  });
  const cpuAfter = readApiProcess?.cpuMs() ?? null;
  figures.set(
    'read.api_cpu_utilisation_cached',
    cpuBefore === null || cpuAfter === null ? null : ms((cpuAfter - cpuBefore) / (options.seconds * 1000)),
    'no /proc',
  );
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
  figures.set(
    'read.uncached_rps',
    uncached.errors === 0 ? perSecond(uncached.done, uncached.millis) : null,
    `${uncached.errors} reads failed: ${firstError}`,
  );
}
