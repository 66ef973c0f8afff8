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
  const closed = await closedLoop(system, options, {
    hospitals: options.hospitals,
    days: options.days,
    clients: options.clients,
    hospitalPrefix: 'bench-closed',
  });
  figures.set('commands.per_s', closed.perSecond, closed.why);
  figures.set('commands.closed_p99_ms', closed.p99, 'no commands answered');
  figures.set('commands.api_cpu_ms_per_command', closed.cpuPerCommand, 'no /proc');
  figures.set('commands.api_cpu_utilisation', closed.utilisation, 'no /proc');
  const closedSteps = closed.steps;

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

/**
 * The closed loop at issue 20's own condition, 32 clients (one hospital each: the loop needs as
 * many hospitals as clients, or the lanes, not the server, bound it). A shorter workload than the
 * main closed loop's, on hospitals of its own.
 */
export async function benchCommandsWide(
  system: BenchSystem,
  figures: Figures,
  options: Pick<CommandsOptions, 'seed' | 'log'> & { readonly clients: number; readonly days: number },
): Promise<void> {
  const wide = await closedLoop(system, options, {
    hospitals: options.clients,
    days: options.days,
    clients: options.clients,
    hospitalPrefix: `bench-closed-c${options.clients}`,
  });
  const key = `commands.c${options.clients}`;
  figures.set(`${key}.per_s`, wide.perSecond, wide.why);
  figures.set(`${key}.closed_p99_ms`, wide.p99, 'no commands answered');
  figures.set(`${key}.api_cpu_ms_per_command`, wide.cpuPerCommand, 'no /proc');
  figures.set(`${key}.api_cpu_utilisation`, wide.utilisation, 'no /proc');
}

/** C clients, each taking a whole hospital's steps in order, as fast as the API answers. */
async function closedLoop(
  system: BenchSystem,
  options: Pick<CommandsOptions, 'seed' | 'log'>,
  shape: { hospitals: number; days: number; clients: number; hospitalPrefix: string },
) {
  const baseUrl = `http://127.0.0.1:${system.commandApi.port}`;
  const steps = generateWorkload({
    hospitals: shape.hospitals,
    days: shape.days,
    seed: shape.hospitalPrefix === 'bench-closed' ? options.seed : `${options.seed}-${shape.hospitalPrefix}`,
    hospitalPrefix: shape.hospitalPrefix,
  });
  const send = httpStepSender({ baseUrl, tokenFor: system.tokenFor, runId: `${shape.hospitalPrefix}-${Date.now()}` });
  const indexed = steps.map((step, index) => ({ step, index }));
  const cpuBefore = system.commandApi.cpuMs();
  const run = await runClosedLoop(
    lanesBy(indexed, (s) => s.step.hospitalId),
    shape.clients,
    async ({ step, index }) => {
      await send(step, index);
    },
  );
  const cpuAfter = system.commandApi.cpuMs();
  const apiCpu = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore;
  const latency = summarise(run.latencies);
  options.log(
    `commands closed-loop: ${run.done} ok, ${run.errors} failed in ${(run.millis / 1000).toFixed(1)} s with ${shape.clients} clients; p50 ${ms(latency.p50)} ms, p99 ${ms(latency.p99)} ms`,
  );
  return {
    steps,
    perSecond: run.errors === 0 ? perSecond(run.done, run.millis) : null,
    why: `${run.errors} commands failed in the closed loop`,
    p99: ms(latency.p99),
    cpuPerCommand: apiCpu === null || run.done === 0 ? null : ms(apiCpu / run.done),
    // One Node process runs on one core: a utilisation near 1 means its event loop is the bound.
    utilisation: apiCpu === null ? null : ms(apiCpu / run.millis),
  };
}
