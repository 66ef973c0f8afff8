import { generateWorkload, type WorkloadStep } from '../generate/workload.js';
import { moduleFreshnessReads } from '../modules/registry.js';
import { httpStepSender, type StepAnswer } from './http-steps.js';
import { runOpenLoop } from './open-loop.js';
import { cpuShares } from './processes.js';
import { readerRoleFor } from './reader-role.js';
import type { Figures } from './results.js';
import { censoredPercentile, ms, summarise } from './stats.js';
import type { BenchSystem } from './system.js';

export interface FreshnessOptions {
  readonly hospitals: number;
  /** Where the figures go: `freshness` (5/s, the issue's keys) or e.g. `freshness.at_50_per_s`. */
  readonly keyPrefix?: string;
  /** Redis, to time the projectors' announcements (the hop split); absent: no split. */
  readonly redisUrl?: string;
  readonly seed: string;
  readonly ratePerSecond: number;
  readonly seconds: number;
  readonly log: (line: string) => void;
}

/**
 * The read that shows a command's effect, as its module says (scripts/modules/<module>/freshness.ts):
 * the census for ADT, the patient's summary for patients.
 */
export function visibilityPath(step: WorkloadStep, answer: StepAnswer): string | null {
  return moduleFreshnessReads[step.module](step, answer);
}

/**
 * Freshness: commands at a fixed rate (open loop); as each is accepted, a read of the view it
 * changes is sent with its consistency token (X-Consistency-Token), which the read API holds until
 * the projector has applied that position. Accepted → that read answered 200 is the freshness: the
 * relay's wake-up, Kafka, the projector's batch and write, and its announcement to the read API
 * (Redis pub/sub) included.
 */
export async function benchFreshness(
  system: BenchSystem,
  figures: Figures,
  options: FreshnessOptions,
): Promise<{ wards: { hospitalId: string; wardId: string }[]; position: number }> {
  const readApi = system.readApiUrl;
  if (!readApi) throw new Error(`no read API: ${system.missing['pipeline'] ?? 'not started'}`);
  const wanted = Math.ceil(options.ratePerSecond * options.seconds);
  const steps = generateWorkload({
    hospitals: options.hospitals,
    days: 30,
    // A small set-up, so that a short run reaches admissions and registrations, not only beds.
    wardsPerHospital: 2,
    bedsPerWard: 4,
    seed: `${options.seed}-fresh`,
    // Hospital ids come from the prefix: a second run (50/s) in the same system needs its own.
    hospitalPrefix: `bench-fresh${options.ratePerSecond === 5 ? '' : `-${options.ratePerSecond}`}`,
  }).slice(0, wanted);
  const send = httpStepSender({
    baseUrl: `http://127.0.0.1:${system.commandApi.port}`,
    tokenFor: system.tokenFor,
    runId: `fresh-${Date.now()}`,
  });
  if (!options.keyPrefix || options.keyPrefix === 'freshness') await warmUp(system, readApi, options);
  const heard = options.redisUrl ? await listenToAnnouncements(options.redisUrl) : undefined;
  /** Per accepted command: when it was accepted, and what its announcement must cover. */
  const accepted: { at: number; hospitalId: string; module: string; position: number; readAt?: number }[] = [];
  const visibility: Promise<number | null>[] = [];
  let position = 0;
  let stale = 0;
  /** Reads that waited the read API's whole wait for the views and were answered 503 views-behind. */
  let waitedOut = 0;
  /** Status (and problem type) of every read that was not 200: why a figure is missing. */
  const refusals = new Map<string, number>();
  /** Why commands failed, by message: a figure missing for failed commands says which. */
  const failures = new Map<string, number>();
  const cpu = cpuShares(system.children);
  const run = await runOpenLoop({
    items: steps,
    ratePerSecond: options.ratePerSecond,
    laneOf: (step) => step.hospitalId,
    send: async (step, index) => {
      const answer = await send(step, index).catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        failures.set(message.slice(0, 160), (failures.get(message.slice(0, 160)) ?? 0) + 1);
        throw error;
      });
      position = Math.max(position, answer.position ?? 0);
      const path = visibilityPath(step, answer);
      if (!path || answer.position === null) return;
      const acceptedAt = performance.now();
      const record = { at: acceptedAt, hospitalId: step.hospitalId, module: step.module, position: answer.position };
      accepted.push(record);
      visibility.push(
        (async () => {
          const res = await fetch(`${readApi}${path}`, {
            headers: {
              Authorization: `Bearer ${await system.tokenFor(readerRoleFor(path, step.role), step.hospitalId)}`,
              'X-Consistency-Token': String(answer.position),
            },
          });
          const body = await res.text();
          if (res.status !== 200) {
            stale++;
            const type = /"type"\s*:\s*"([^"]+)"/.exec(body)?.[1] ?? '';
            if (res.status === 503 && type.endsWith('/views-behind')) waitedOut++;
            const why = `${res.status} ${type} ${path.replace(/[0-9a-f-]{36}/g, ':id')}`.trim();
            refusals.set(why, (refusals.get(why) ?? 0) + 1);
            return null;
          }
          const answeredAt = performance.now();
          Object.assign(record, { readAt: answeredAt });
          return answeredAt - acceptedAt;
        })(),
      );
    },
  });
  const seen = (await Promise.all(visibility)).filter((v): v is number => v !== null);
  const shares = cpu();
  const latency = summarise(seen);
  const key = options.keyPrefix ?? 'freshness';
  // What was busy while the commands and their reads ran: the bound when freshness grows.
  for (const [name, share] of Object.entries(shares)) figures.set(`${key}.cpu_share.${name}`, share, 'no /proc');
  options.log(
    `freshness at ${options.ratePerSecond}/s, CPU (share of a core): ${Object.entries(shares)
      .map(([name, share]) => `${name} ${share}`)
      .join(', ')}`,
  );
  if (heard) {
    await heard.close();
    // The hop split: accepted → the projector's announcement of a position at or past the command's
    // (relay wake-up and batch delay, Kafka, the projector's batch, its store writes and the Redis
    // publish) and announcement → the read answered (the read API's wake-up, its checks, the read).
    const toAnnounced: number[] = [];
    const toRead: number[] = [];
    for (const a of accepted) {
      const at = heard.firstAt(a.hospitalId, a.module, a.position);
      if (at === undefined) continue;
      toAnnounced.push(at - a.at);
      if (a.readAt !== undefined) toRead.push(a.readAt - at);
    }
    const hop1 = summarise(toAnnounced);
    const hop2 = summarise(toRead);
    options.log(
      `freshness hops at ${options.ratePerSecond}/s (${toAnnounced.length} announcements matched): accepted → announced p50 ${ms(hop1.p50)} p99 ${ms(hop1.p99)} ms; announced → read answered p50 ${ms(hop2.p50)} p99 ${ms(hop2.p99)} ms`,
    );
    const none = 'no announcement heard for an accepted command';
    figures.set(`${key}.accepted_to_announced_p50_ms`, toAnnounced.length ? ms(hop1.p50) : null, none);
    figures.set(`${key}.accepted_to_announced_p99_ms`, toAnnounced.length ? ms(hop1.p99) : null, none);
    figures.set(`${key}.announced_to_read_p50_ms`, toRead.length ? ms(hop2.p50) : null, none);
    figures.set(`${key}.announced_to_read_p99_ms`, toRead.length ? ms(hop2.p99) : null, none);
  }
  options.log(
    `freshness at ${options.ratePerSecond}/s: ${run.latencies.length} commands accepted (${run.errors} failed), ${seen.length} reads saw their write, ${stale} not within the read API's wait; p50 ${ms(latency.p50)} ms, p99 ${ms(latency.p99)} ms`,
  );
  // A read that waited out the read API's wait is a freshness longer than the wait, not a failure
  // of the run: it counts in the percentiles as longer than every answered read. Any other
  // refusal, or a failed command, leaves the figures null with the reason.
  const ok = run.errors === 0 && stale === waitedOut && seen.length > 0;
  const answers = [...refusals].map(([why, n]) => `${n}× ${why}`).join(', ');
  const failed = [...failures].map(([message, n]) => `${n}× ${message}`).join(', ');
  const why = `${run.errors} commands failed${failed ? ` (${failed})` : ''} and ${stale} reads were not answered 200${answers ? ` (${answers})` : ''}`;
  const beyond = `${waitedOut} of ${seen.length + waitedOut} reads waited out the read API's wait for the views (503 views-behind), so this percentile is longer than that wait (${answers})`;
  const percentileFigure = (p: number) => {
    const { value, beyondLimit } = censoredPercentile(seen, waitedOut, p);
    return { value: ok && !beyondLimit ? ms(value) : null, reason: ok ? beyond : why };
  };
  figures.set(`${key}.rate_per_s`, ok ? run.achievedPerSecond : null, why);
  for (const p of [50, 99] as const) {
    const { value, reason } = percentileFigure(p);
    figures.set(`${key}.p${p}_ms`, value, reason);
  }
  figures.set(`${key}.reads_waited_out`, ok ? waitedOut : null, why);
  const wards = [...send.ids]
    .filter(([name]) => name.includes('/ward-'))
    .map(([name, wardId]) => ({ hospitalId: name.slice(0, name.indexOf('/')), wardId }));
  return { wards, position };
}

/** How long the warm-up may take: consumer groups joining on a loaded machine took tens of seconds. */
const WARM_UP_MS = 90_000;
const WARM_UP_STEPS = 400;

/**
 * Until each module's projector has shown one write: a projector that has just started is still
 * joining its Kafka consumer group (a rebalance of seconds), and a freshness figure that includes
 * the join measures start-up, not the pipeline. Sends a warm-up hospital's steps one by one and
 * reads each module's view (503 views-behind retried) until every module with a freshness read has
 * answered 200, or fails after WARM_UP_MS naming the modules still silent.
 */
async function warmUp(system: BenchSystem, readApi: string, options: FreshnessOptions): Promise<void> {
  const started = performance.now();
  const steps = generateWorkload({
    hospitals: 1,
    days: 30,
    wardsPerHospital: 2,
    bedsPerWard: 4,
    seed: `${options.seed}-warm`,
    hospitalPrefix: 'bench-warm',
  });
  const send = httpStepSender({
    baseUrl: `http://127.0.0.1:${system.commandApi.port}`,
    tokenFor: system.tokenFor,
    runId: `warm-${Date.now()}`,
  });
  const wanted = new Set(steps.filter((step) => moduleFreshnessReads[step.module] !== undefined).map((s) => s.module));
  const shown = new Set<string>();
  for (const [index, step] of steps.entries()) {
    // A module whose early steps show nowhere must not keep the warm-up sending a month of steps.
    if (shown.size === wanted.size || index >= WARM_UP_STEPS) break;
    const answer = await send(step, index);
    const path = shown.has(step.module) ? null : visibilityPath(step, answer);
    if (!path || answer.position === null) continue;
    for (;;) {
      const res = await fetch(`${readApi}${path}`, {
        headers: {
          Authorization: `Bearer ${await system.tokenFor(readerRoleFor(path, step.role), step.hospitalId)}`,
          'X-Consistency-Token': String(answer.position),
        },
      });
      await res.arrayBuffer();
      if (res.status === 200) {
        shown.add(step.module);
        break;
      }
      if (res.status !== 503 || performance.now() - started > WARM_UP_MS)
        throw new Error(
          `warm-up: ${step.module}'s view answered ${res.status} (modules not yet shown: ${[...wanted].filter((m) => !shown.has(m)).join(', ')})`,
        );
    }
  }
  options.log(
    `freshness warm-up: ${[...shown].join(', ')} shown in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
}

/**
 * The projectors' announcements as the read API hears them (Redis pub/sub, the production cache's
 * channel), each with when it arrived here: the bench process stands where the read API does.
 */
async function listenToAnnouncements(redisUrl: string) {
  const { Redis } = await import('ioredis');
  const subscriber = new Redis(redisUrl, { lazyConnect: true });
  subscriber.on('error', () => {});
  await subscriber.connect();
  const heard: { at: number; hospitalId: string; module: string; position: number }[] = [];
  subscriber.on('message', (_channel: string, message: string) => {
    const at = performance.now();
    try {
      const a = JSON.parse(message) as { hospitalId: string; module: string; position: number };
      heard.push({ at, hospitalId: a.hospitalId, module: a.module, position: a.position });
    } catch {
      // not an announcement
    }
  });
  await subscriber.subscribe('chartline:cache:projected');
  return {
    /** When the first announcement covering `position` for the hospital and module arrived. */
    firstAt(hospitalId: string, module: string, position: number): number | undefined {
      return heard.find((h) => h.hospitalId === hospitalId && h.module === module && h.position >= position)?.at;
    },
    close: async () => {
      subscriber.disconnect();
    },
  };
}
