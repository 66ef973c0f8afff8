import { generateWorkload, type WorkloadStep } from '../generate/workload.js';
import { httpStepSender } from './http-steps.js';
import { runOpenLoop } from './open-loop.js';
import type { Figures } from './results.js';
import { ms, summarise } from './stats.js';
import { findKnee, interleaveLanes, runSweep, type SweepPoint, sweepRates } from './sweep.js';
import type { BenchSystem } from './system.js';

export interface SweepOptions {
  readonly seed: string;
  /** The closed loop's commands/s: the sweep's rates are shares of it (sweep.ts). */
  readonly closedPerSecond: number;
  /** Hospitals each rate's commands are spread over (lanes: one hospital's steps go in order). */
  readonly hospitals: number;
  /** How long each rate is held. */
  readonly secondsPerRate: number;
  readonly log: (line: string) => void;
}

/**
 * The open loop at rising rates, each on hospitals of its own (a fresh workload per rate, so no
 * rate inherits another's state), until p99 turns up. Records every point (series
 * `commands_rate_sweep`), the knee, and p99 at half the closed loop's rate (issue 20's target).
 */
export async function benchCommandSweep(
  system: BenchSystem,
  figures: Figures,
  options: SweepOptions,
): Promise<SweepPoint[]> {
  const baseUrl = `http://127.0.0.1:${system.commandApi.port}`;
  const rates = sweepRates(options.closedPerSecond);
  const perHospitalDay = 100;
  const points = await runSweep(rates, async (rate) => {
    const wanted = Math.ceil(rate * options.secondsPerRate);
    const days = Math.max(1, Math.ceil(wanted / (options.hospitals * perHospitalDay)));
    const steps = interleaveLanes(
      generateWorkload({
        hospitals: options.hospitals,
        days,
        seed: `${options.seed}-sweep-${rate}`,
        hospitalPrefix: `bench-sweep-${rate}`,
      }),
      (step) => step.hospitalId,
    ).slice(0, wanted);
    const send = httpStepSender({ baseUrl, tokenFor: system.tokenFor, runId: `sweep-${rate}-${Date.now()}` });
    // The hospitals are registered before the clock starts, one at a time. Each registration
    // appends to the platform's one placement stream, so 32 sent in the same 120 ms (the first step
    // of every interleaved lane) raced on it, retried WrongExpectedVersion one after another, and
    // held up every lane behind them: p99 325–369 ms at half the closed-loop rate in the quiet
    // runs of 11:43 and 11:58, p50 2.8 ms. Onboarding a hospital is not part of its steady traffic.
    const onboarding = steps.filter(isHospitalRegistration);
    for (const step of onboarding) await send(step, steps.indexOf(step));
    const timed = steps.map((step, index) => ({ step, index })).filter(({ step }) => !isHospitalRegistration(step));
    const run = await runOpenLoop({
      items: timed,
      ratePerSecond: rate,
      laneOf: ({ step }) => step.hospitalId,
      send: async ({ step, index }) => {
        await send(step, index);
      },
    });
    const latency = summarise(run.latencies);
    const point = {
      rate,
      achieved: run.achievedPerSecond,
      p50: ms(latency.p50),
      p99: ms(latency.p99),
      errors: run.errors,
    };
    options.log(
      `sweep ${rate}/s: ${run.latencies.length} ok, ${run.errors} failed, achieved ${run.achievedPerSecond}/s; p50 ${point.p50} ms, p99 ${point.p99} ms`,
    );
    return point;
  });
  figures.setSeries(
    'commands_rate_sweep',
    points.map((p) => ({
      rate_per_s: p.rate,
      achieved_per_s: p.achieved,
      p50_ms: p.p50,
      p99_ms: p.p99,
      errors: p.errors,
    })),
  );
  const knee = findKnee(points);
  figures.set(
    'commands.sweep_knee_per_s',
    knee.rate,
    `p99 had already turned up at the lowest rate tried (${knee.turnedUpAt}/s)`,
  );
  figures.set(
    'commands.sweep_turned_up_per_s',
    knee.turnedUpAt,
    `p99 did not turn up up to ${rates[rates.length - 1]}/s`,
  );
  const half = points.find((p) => p.rate === sweepRates(options.closedPerSecond, [0.5])[0]);
  figures.set(
    'commands.p99_at_half_closed_ms',
    half && half.errors === 0 ? half.p99 : null,
    half
      ? `${half.errors} commands failed at half the closed-loop rate`
      : 'the sweep stopped before half the closed-loop rate',
  );
  return points;
}

/** A hospital's registration: platform onboarding, sent before a sweep point's clock starts. */
export function isHospitalRegistration(step: WorkloadStep): boolean {
  return step.module === 'hospitals' && step.command === 'register-hospital';
}
