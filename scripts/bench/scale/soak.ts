/**
 * Memory over a soak: the whole pipeline (command API → relay → Kafka → projectors → read API)
 * under a steady open-loop command rate, each process's resident set (/proc VmRSS) and V8 heap
 * (its /metrics `nodejs_heap_size_used_bytes`, prom-client's default metrics) sampled at a fixed
 * interval. A process whose memory climbs through the soak without levelling holds something per
 * event; one that levels off has reached its working set.
 */
import { readFileSync } from 'node:fs';
import { generateWorkload } from '../../generate/workload.js';
import { httpStepSender } from '../http-steps.js';
import { runOpenLoop } from '../open-loop.js';
import type { RunningChild } from '../processes.js';
import type { SeriesRow } from '../results.js';
import { ms, summarise } from '../stats.js';
import type { BenchSystem } from '../system.js';
import { load1 } from './store-size.js';

export interface SoakOptions {
  readonly seconds: number;
  readonly ratePerSecond: number;
  readonly sampleSeconds: number;
  readonly log: (line: string) => void;
}

export interface SoakResult {
  /** One row per sample: t_s, then `<process>_rss_mb` and `<process>_heap_mb` per process. */
  readonly rows: SeriesRow[];
  readonly commands: number;
  readonly errors: number;
  readonly p50: number | null;
  readonly p99: number | null;
}

/** Current resident set (VmRSS), MB; null once gone. */
export function rssOf(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

/** `nodejs_heap_size_used_bytes` from a Prometheus text exposition, MB; null when absent. */
export function heapUsedMb(metrics: string): number | null {
  const match = /^nodejs_heap_size_used_bytes(?:\{[^}]*\})?\s+([\d.e+]+)/m.exec(metrics);
  return match ? Math.round(Number(match[1]) / 1e5) / 10 : null;
}

async function heapOf(child: RunningChild): Promise<number | null> {
  try {
    const res = await fetch(`http://127.0.0.1:${child.port}/metrics`, { signal: AbortSignal.timeout(5000) });
    return res.ok ? heapUsedMb(await res.text()) : null;
  } catch {
    return null;
  }
}

/** The processes the soak watches: the relay and the projectors, and the two APIs beside them. */
const watched = (system: BenchSystem) =>
  system.children.filter((c) => /^(relay|projector_|command_api|read_api)/.test(c.name));

export async function benchSoak(system: BenchSystem, options: SoakOptions): Promise<SoakResult> {
  const baseUrl = `http://127.0.0.1:${system.commandApi.port}`;
  const wanted = Math.ceil(options.ratePerSecond * options.seconds);
  // Enough generated days for the soak's commands, over 16 hospitals (lanes) side by side.
  const perDay = generateWorkload({ hospitals: 16, days: 1, seed: 'scale-soak', hospitalPrefix: 'scale-soak' }).length;
  const steps = generateWorkload({
    hospitals: 16,
    days: Math.max(1, Math.ceil(wanted / Math.max(1, perDay))),
    seed: 'scale-soak',
    hospitalPrefix: 'scale-soak',
  }).slice(0, wanted);
  const send = httpStepSender({ baseUrl, tokenFor: system.tokenFor, runId: `soak-${Date.now()}` });
  const rows: SeriesRow[] = [];
  const started = performance.now();
  const sample = async () => {
    const row: Record<string, number | null> = { t_s: Math.round((performance.now() - started) / 1000) };
    for (const child of watched(system)) {
      row[`${child.name}_rss_mb`] = child.child.pid === undefined ? null : rssOf(child.child.pid);
      row[`${child.name}_heap_mb`] = await heapOf(child);
    }
    row['load_1m'] = load1();
    rows.push(row);
  };
  await sample();
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      const next = started + rows.length * options.sampleSeconds * 1000;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
      if (sampling) await sample();
    }
  })();
  let done = 0;
  const run = await runOpenLoop({
    items: steps,
    ratePerSecond: options.ratePerSecond,
    laneOf: (step) => step.hospitalId,
    send: async (step, index) => {
      await send(step, index);
      done++;
      if (done % Math.max(1, options.ratePerSecond * 60) === 0)
        options.log(`scale: soak ${done}/${steps.length} commands (load ${load1()})`);
    },
  });
  sampling = false;
  await sampler;
  await sample();
  const summary = summarise(run.latencies);
  options.log(
    `scale: soak ${run.latencies.length} commands at ${options.ratePerSecond}/s over ${(run.millis / 1000).toFixed(0)} s, ${run.errors} failed; p50 ${ms(summary.p50)} ms, p99 ${ms(summary.p99)} ms`,
  );
  return {
    rows,
    commands: run.latencies.length,
    errors: run.errors,
    p50: ms(summary.p50),
    p99: ms(summary.p99),
  };
}
