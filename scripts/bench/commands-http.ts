import { generateWorkload } from '../generate/workload.js';
import { lanesBy, runClosedLoop } from './closed-loop.js';
import { httpStepSender } from './http-steps.js';
import { runOpenLoop } from './open-loop.js';
import type { Figures } from './results.js';
import { ms, perSecond, summarise } from './stats.js';
import type { BenchSystem } from './system.js';

export interface CommandsOptions {
  readonly hospitals: number;
  readonly days: number;
  readonly seed: string;
  /** Closed loop: hospitals driven side by side. */
  readonly clients: number;
  /** Open loop: commands per second, and for how long. */
  readonly ratePerSecond: number;
  readonly openSeconds: number;
  readonly log: (line: string) => void;
}

/**
 * Commands over HTTP with auth, Idempotency-Key and validation on, against the real command API
 * process: throughput closed-loop (C hospitals as fast as they go), latency open-loop (a fixed rate,
 * measured from each command's scheduled send time).
 */
export async function benchCommands(system: BenchSystem, figures: Figures, options: CommandsOptions): Promise<void> {
  const baseUrl = `http://127.0.0.1:${system.commandApi.port}`;
  const closedSteps = generateWorkload({
    hospitals: options.hospitals,
    days: options.days,
    seed: options.seed,
    hospitalPrefix: 'bench-closed',
  });
  const sendClosed = httpStepSender({ baseUrl, tokenFor: system.tokenFor, runId: `closed-${Date.now()}` });
  const indexed = closedSteps.map((step, index) => ({ step, index }));
  const cpuBefore = system.commandApi.cpuMs();
  const closed = await runClosedLoop(
    lanesBy(indexed, (s) => s.step.hospitalId),
    options.clients,
    async ({ step, index }) => {
      await sendClosed(step, index);
    },
  );
  const cpuAfter = system.commandApi.cpuMs();
  const apiCpu = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
  const closedLatency = summarise(closed.latencies);
  options.log(
    `commands closed-loop: ${closed.done} ok, ${closed.errors} failed in ${(closed.millis / 1000).toFixed(1)} s with ${options.clients} clients; p50 ${ms(closedLatency.p50)} ms, p99 ${ms(closedLatency.p99)} ms`,
  );
  figures.set(
    'commands.per_s',
    closed.errors === 0 ? perSecond(closed.done, closed.millis) : null,
    `${closed.errors} commands failed in the closed loop`,
  );
  figures.set('commands.closed_p99_ms', ms(closedLatency.p99), 'no commands answered');
  // One Node process runs on one core: a utilisation near 1 means its event loop is the bound.
  figures.set(
    'commands.api_cpu_ms_per_command',
    apiCpu === null || closed.done === 0 ? null : ms(apiCpu / closed.done),
    'no /proc',
  );
  figures.set('commands.api_cpu_utilisation', apiCpu === null ? null : ms(apiCpu / closed.millis), 'no /proc');

  // Open loop: enough generated steps for the duration, sent at the fixed rate from a new set of hospitals.
  const wanted = Math.ceil(options.ratePerSecond * options.openSeconds);
  const openSteps = generateWorkload({
    hospitals: options.hospitals,
    days: Math.max(1, Math.ceil((options.days * wanted) / Math.max(1, closedSteps.length))),
    seed: `${options.seed}-open`,
    hospitalPrefix: 'bench-open',
  }).slice(0, wanted);
  const sendOpen = httpStepSender({ baseUrl, tokenFor: system.tokenFor, runId: `open-${Date.now()}` });
  const open = await runOpenLoop({
    items: openSteps,
    ratePerSecond: options.ratePerSecond,
    laneOf: (step) => step.hospitalId,
    send: async (step, index) => {
      await sendOpen(step, index);
    },
  });
  const openLatency = summarise(open.latencies);
  options.log(
    `commands open-loop at ${options.ratePerSecond}/s: ${open.latencies.length} ok, ${open.errors} failed, achieved ${open.achievedPerSecond}/s; p50 ${ms(openLatency.p50)} ms, p99 ${ms(openLatency.p99)} ms (from scheduled send)`,
  );
  const openOk = open.errors === 0;
  figures.set('commands.open_loop_rate_per_s', options.ratePerSecond);
  figures.set(
    'commands.p50_ms',
    openOk ? ms(openLatency.p50) : null,
    `${open.errors} commands failed in the open loop`,
  );
  figures.set(
    'commands.p99_ms',
    openOk ? ms(openLatency.p99) : null,
    `${open.errors} commands failed in the open loop`,
  );
}
