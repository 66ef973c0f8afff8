/**
 * npm run chaos [-- --short] [--soak <seconds>] [--out <file>]
 *
 * Chaos suite (issue 24): Chartline's production processes on servers of the suite's own
 * (scripts/services.sh on other ports and another data folder: never the shared ones), a steady
 * workload of commands over HTTP, and each server in turn killed with SIGKILL then started again
 * and (full run) frozen with SIGSTOP for longer than the clients' timeout, then resumed. Per fault:
 * time to detect (a /readyz turns false), to be ready again, to read one's own writes again, and
 * the failed requests by status. At the end: every 2xx command in the store exactly once, every
 * unanswered one at most once, Kafka holding every stored event, the views equal to a clean
 * rebuild, and no process exited. `--short` (CI): one SIGKILL per server. `--soak <s>`: the workload
 * runs that long before the first fault, so the views are large when the faults come (a read store
 * whose writes cost more as its collections grow falls behind then), and every consumer's lag must
 * be back under DRAINED_LAG at the soak's end. Exit 1 if a check fails.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkDeadLetters, checkRelay, checkStore, checkViews } from './checks.js';
import { type LagProbe, type LagSample, openLagProbe, peakLag } from './lag.js';
import { ferretdbBackendOf, type OwnServers, SERVERS, type ServerName, startOwnServers } from './servers.js';
import { type ChaosSystem, startChaosSystem } from './system.js';
import { type SentCommand, type SteadyWorkload, startSteadyWorkload, workloadDays } from './workload.js';

const ROOT = join(import.meta.dirname, '..', '..');
const { values } = parseArgs({
  options: { short: { type: 'boolean' }, soak: { type: 'string' }, out: { type: 'string' } },
});
const SOAK_MS = Number(values.soak ?? 0) * 1000;
if (!Number.isFinite(SOAK_MS) || SOAK_MS < 0) throw new Error(`--soak takes seconds (got ${values.soak})`);
const short = values.short === true;
const out = values.out ?? join(ROOT, short ? '.chaos/results-short.json' : 'docs/chaos-results.json');
const REQUEST_TIMEOUT_MS = 5_000;
/**
 * The suite's own MongoDB-wire server, when it is FerretDB, stores on PostgreSQL (its own database in
 * the suite's PostgreSQL) unless CHAOS_FERRETDB_BACKEND=sqlite. FerretDB scans a collection for
 * every write to an existing document on both backends, but on SQLite at ~100× the cost (8,000
 * documents: 692 ms of CPU per compare-and-swap write against 7.4 ms): there the full run's
 * projectors fell behind for good once the views held a few thousand documents
 * (docs/performance.md, "FerretDB's two backends"). So a PostgreSQL fault here also takes the read
 * store's storage away, as it would where FerretDB runs on the same PostgreSQL.
 */
const FERRETDB_BACKEND = ferretdbBackendOf(process.env['CHAOS_FERRETDB_BACKEND'] ?? 'postgresql');
/** Frozen longer than the clients' timeout, so requests go unanswered rather than slow. */
const FREEZE_MS = 12_000;
const KILLED_FOR_MS = 3_000;
/**
 * A fault's backlog counts as drained when every consumer group (projector, process manager) is back
 * under this many messages: what a few seconds of the steady load leave in flight on a loaded
 * machine, against the hundreds a Kafka outage piles up. After the workload stops it must reach 0.
 */
const DRAINED_LAG = 100;
const LAG_EVERY_MS = 2_000;
/** After the workload stops, the time every consumer is given to work its backlog off to nothing. */
const DRAIN_AT_END_MS = 300_000;
/**
 * Pause between one hospital's commands: 4 hospitals × 1000 / PACE_MS commands a second. The short
 * round (CI) runs lighter: each fault still lands on commands in flight, and a backlog the shared
 * 2-core machine's MongoDB stand-in can work off within the round.
 */
const PACE_MS = short ? 250 : 150;
/** How long a fault waits for the backlog to drain before the next (a figure: null if it did not). */
const DRAIN_WAIT_MS = short ? 120_000 : 180_000;
const began = Date.now();
/** Each line with the seconds since the start: where a run's time goes. */
const log = (line: string) =>
  process.stderr.write(`[chaos +${String(Math.round((Date.now() - began) / 1000)).padStart(4)} s] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface FaultFigures {
  server: ServerName;
  signal: 'SIGKILL' | 'SIGSTOP';
  /** From the signal until a process's /readyz first answered not ready (null: none noticed within 30 s). */
  detectMs: number | null;
  /** From the server's return (restart done, or SIGCONT) until every process was ready. */
  readyMs: number | null;
  /** From the server's return until a command written after it could be read back (X-Consistency-Token). */
  caughtUpMs: number | null;
  /** Requests from the signal until everything was ready again, by answer (`no-answer`: timeout or refused). */
  failedRequests: Record<string, number>;
  requests: number;
  /** Which processes reported not ready meanwhile. */
  unready: string[];
  /** Per consumer group, the highest lag from the signal until drained (or the wait ended). */
  lagPeak: Record<string, number>;
  /** From the server's return until every group's lag was under DRAINED_LAG (null: not within DRAIN_WAIT_MS). */
  lagDrainedMs: number | null;
  /** The groups still over DRAINED_LAG when the wait ended (none if drained). */
  lagNotDrained: Record<string, number>;
}

/** Consumer lag sampled every LAG_EVERY_MS for the whole run (a null sample: Kafka did not answer). */
function sampleLag(probe: LagProbe): { samples: LagSample[]; stop(): Promise<void> } {
  const samples: LagSample[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      samples.push(await probe.sample());
      await sleep(LAG_EVERY_MS);
    }
  })();
  return {
    samples,
    async stop() {
      running = false;
      await loop;
    },
  };
}

/** A process's children (PostgreSQL's backends and workers under its postmaster), by /proc. */
function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // The command may hold spaces and parentheses: the parent pid is the 2nd field after the last ')'.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) children.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return children;
}

const drained = (s: LagSample | undefined, limit: number) =>
  s?.lag != null && Object.values(s.lag).every((n) => n <= limit);

async function until(check: () => Promise<boolean>, timeoutMs: number, everyMs = 250): Promise<number | null> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if (await check()) return Date.now() - started;
    await sleep(everyMs);
  }
  return null;
}

/** A command written after `since`, read back from the read API with its consistency token. */
async function readOwnWrite(system: ChaosSystem, workload: SteadyWorkload, since: number): Promise<boolean> {
  const sent = [...workload.sent].reverse().find((c) => c.outcome === 'ok' && c.attempts.at(-1)!.at >= since);
  const position = sent?.attempts.at(-1)?.position;
  if (!sent || !position) return false;
  const hospital = sent.step.hospitalId;
  const res = await fetch(`${system.readUrl}/hospitals/${hospital}/duplicate-flags`, {
    headers: {
      Authorization: `Bearer ${await system.tokenFor('front_desk', hospital)}`,
      'X-Consistency-Token': String(position),
    },
    signal: AbortSignal.timeout(8_000),
  }).catch(() => undefined);
  return res?.status === 200;
}

async function fault(
  servers: OwnServers,
  system: ChaosSystem,
  workload: SteadyWorkload,
  lag: LagSample[],
  server: ServerName,
  signal: 'SIGKILL' | 'SIGSTOP',
): Promise<FaultFigures> {
  const pid = await servers.pidOf(server);
  if (!pid) throw new Error(`${server}: no pid of ours to signal`);
  const unready = new Set<string>();
  const t0 = Date.now();
  log(`${server}: ${signal} pid ${pid}`);
  // A frozen PostgreSQL is the postmaster AND its backends: stopping the postmaster alone leaves
  // every open connection served (a full run saw nothing notice a 12 s "freeze").
  const frozen = signal === 'SIGSTOP' ? [pid, ...childrenOf(pid)] : [pid];
  for (const p of frozen) process.kill(p, signal);
  let backAt = 0;
  const watching = (async () => {
    const detect = await until(async () => {
      const ready = await system.readiness();
      for (const [name, ok] of Object.entries(ready)) if (!ok) unready.add(name);
      return unready.size > 0;
    }, 30_000);
    return detect;
  })();
  if (signal === 'SIGKILL') {
    await sleep(KILLED_FOR_MS);
    await servers.up();
  } else {
    await sleep(FREEZE_MS);
    for (const p of frozen) process.kill(p, 'SIGCONT');
  }
  backAt = Date.now();
  const detectMs = await watching;
  log(`${server}: back after ${backAt - t0} ms (detected after ${detectMs} ms)`);
  const readyMs = await until(async () => {
    const ready = await system.readiness();
    for (const [name, ok] of Object.entries(ready)) if (!ok) unready.add(name);
    return Object.values(ready).every(Boolean);
  }, 180_000);
  const readyAt = Date.now();
  const [caughtUpMs, lagDrainedAfterReadyMs] = await Promise.all([
    until(() => readOwnWrite(system, workload, readyAt), 180_000, 500),
    until(async () => {
      const last = lag.at(-1);
      return last !== undefined && last.at >= readyAt && drained(last, DRAINED_LAG);
    }, DRAIN_WAIT_MS),
  ]);
  const lagSince = lag.filter((s) => s.at >= t0);
  const lagNotDrained = Object.fromEntries(
    Object.entries(lagSince.at(-1)?.lag ?? {}).filter(([, n]) => lagDrainedAfterReadyMs === null && n > DRAINED_LAG),
  );
  const window = workload.sent.flatMap((c) => c.attempts).filter((a) => a.at >= t0 && a.at <= readyAt);
  const failedRequests: Record<string, number> = {};
  for (const a of window) {
    if (typeof a.status === 'number' && a.status < 300) continue;
    failedRequests[String(a.status)] = (failedRequests[String(a.status)] ?? 0) + 1;
  }
  const figures: FaultFigures = {
    server,
    signal,
    detectMs,
    readyMs,
    caughtUpMs: caughtUpMs === null ? null : readyAt + caughtUpMs - backAt,
    failedRequests,
    requests: window.length,
    unready: [...unready].sort(),
    lagPeak: peakLag(lagSince),
    lagDrainedMs: lagDrainedAfterReadyMs === null ? null : readyAt + lagDrainedAfterReadyMs - backAt,
    lagNotDrained,
  };
  log(`${server} ${signal}: ${JSON.stringify(figures)}`);
  return figures;
}

const problems: string[] = [];
const expect = (ok: boolean, what: string) => {
  if (!ok) problems.push(what);
  log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
};

const started = Date.now();
/** The machine's 1, 5 and 15 minute load averages: the suite's figures depend on its neighbours. */
const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).map(Number);
const loadAtStart = loadAverage();
const servers = await startOwnServers(short ? 'chaos-short' : 'chaos', log, 45_000, FERRETDB_BACKEND);
let system: ChaosSystem | undefined;
let lagProbe: LagProbe | undefined;
// Interrupted: our processes and our servers go with us (never anyone else's).
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    log(`${signal}: stopping our processes and servers`);
    void (async () => {
      await system?.stop();
      await servers.destroy();
      process.exit(1);
    })();
  });
let exitCode = 1;
try {
  system = await startChaosSystem(servers.env, {}, { bundled: true });
  log(`${system.children.length} processes ready: ${system.children.map((c) => c.name).join(', ')}`);
  lagProbe = await openLagProbe(servers.env['KAFKA_BROKERS']!);
  const lag = sampleLag(lagProbe);
  const workload = startSteadyWorkload({
    baseUrl: system.commandUrl,
    tokenFor: system.tokenFor,
    runId: `chaos-${Date.now()}`,
    hospitals: 4,
    paceMs: PACE_MS,
    requestTimeoutMs: REQUEST_TIMEOUT_MS,
    retryForMs: 240_000,
    // The faults take up to ~15 minutes (full) or ~5 (short) beside the soak.
    days: workloadDays(SOAK_MS / 1000 + (short ? 300 : 900), PACE_MS),
  });
  await sleep(5_000);
  let soak: { seconds: number; lagAtEnd: Record<string, number> | null; peak: Record<string, number> } | undefined;
  if (SOAK_MS > 0) {
    log(`soaking: the workload alone for ${SOAK_MS / 1000} s before the first fault`);
    const soakStarted = Date.now();
    await sleep(SOAK_MS);
    const during = lag.samples.filter((x) => x.at >= soakStarted);
    soak = { seconds: SOAK_MS / 1000, lagAtEnd: during.at(-1)?.lag ?? null, peak: peakLag(during) };
    log(`soak done: lag at its end ${JSON.stringify(soak.lagAtEnd)}, peak ${JSON.stringify(soak.peak)}`);
  }
  const faults: FaultFigures[] = [];
  for (const server of SERVERS) {
    faults.push(await fault(servers, system, workload, lag.samples, server, 'SIGKILL'));
    await sleep(3_000);
    if (!short) {
      faults.push(await fault(servers, system, workload, lag.samples, server, 'SIGSTOP'));
      await sleep(3_000);
    }
  }
  log('faults done; settling the workload');
  const ranOutAt = workload.ranOutAt;
  await workload.stop();
  const sent: readonly SentCommand[] = workload.sent;
  const outcomes = Object.fromEntries(
    ['ok', 'refused', 'gave-up', 'pending'].map((o) => [o, sent.filter((c) => c.outcome === o).length]),
  );
  const retried = sent.filter((c) => c.attempts.length > 1).length;
  const refusals: Record<string, number> = {};
  for (const c of sent)
    if (c.refusal) refusals[`${c.step.command} ${c.refusal}`] = (refusals[`${c.step.command} ${c.refusal}`] ?? 0) + 1;
  const exited = system.exited();
  for (const name of exited)
    log(
      `${name} exited: ${system.children
        .find((c) => c.name === name)
        ?.stderr()
        .slice(-1500)}`,
    );
  // With no more commands, every projector and process manager must work its backlog off to nothing.
  const stoppedAt = Date.now();
  const lagZeroMs = await until(async () => drained(lag.samples.at(-1), 0), DRAIN_AT_END_MS);
  const lagAtEnd = lag.samples.at(-1)?.lag ?? null;
  await lag.stop();
  log(
    `consumer lag after the workload stopped: ${JSON.stringify(lagAtEnd)} (${lagZeroMs === null ? `not 0 within ${DRAIN_AT_END_MS / 1000} s` : `0 after ${Date.now() - stoppedAt} ms`})`,
  );
  const readyAtEnd = await system.readiness(3_000);
  const store = await checkStore(servers.env['POSTGRES_URL']!, sent);
  const relay = await checkRelay(servers.env['POSTGRES_URL']!, servers.env['KAFKA_BROKERS']!, 120_000);
  const deadLetters = await checkDeadLetters(servers.env['KAFKA_BROKERS']!);
  const views = await checkViews(system.env, 180_000);

  expect(outcomes['ok']! > 100, `the workload ran: ${outcomes['ok']} commands answered 2xx (${retried} after a retry)`);
  expect(
    outcomes['refused'] === 0,
    `no command refused with a 4xx (${outcomes['refused']}: ${JSON.stringify(refusals)})`,
  );
  expect(outcomes['gave-up'] === 0, `no command left without a 2xx after its retries (${outcomes['gave-up']})`);
  expect(store.okMissing === 0, `every 2xx command is in the event store (${store.okMissing} missing)`);
  expect(
    store.okDiffering === 0,
    `every 2xx command stored exactly the events its answer named (${store.okDiffering} differ; answered and wrote none: ${JSON.stringify(store.wroteNothingBy)})`,
  );
  expect(
    store.executedTwice === 0,
    `no command executed twice, the process managers' included (${store.executedTwice}; one type twice on one stream by design: ${JSON.stringify(store.repeatsByDesign)})`,
  );
  for (const example of store.examples) log(`     ${example}`);
  expect(
    relay.missing === 0,
    `Kafka holds every stored event: ${relay.distinctEventIds} of ${relay.storeEvents} (${relay.republished} re-published)`,
  );
  const parked = Object.values(deadLetters.byReason).reduce((n, count) => n + count, 0);
  expect(parked === 0, `no event parked on a dead-letter topic (${parked}: ${JSON.stringify(deadLetters.byReason)})`);
  expect(views.differences === 0, `views equal a clean rebuild (${views.differences} documents differ)`);
  for (const example of views.examples) log(`     ${example}`);
  expect(
    lagZeroMs !== null,
    `every projector's and process manager's consumer lag drains to 0 once the workload stops: ${JSON.stringify(lagAtEnd)}`,
  );
  expect(exited.length === 0, `no process exited (${exited.join(', ') || 'none'})`);
  expect(
    ranOutAt === undefined,
    `the workload was still sending when the last fault ended (${ranOutAt === undefined ? 'yes' : `it ran out ${Math.round((ranOutAt - started) / 1000)} s in`})`,
  );
  if (soak)
    expect(
      soak.lagAtEnd !== null && Object.values(soak.lagAtEnd).every((n) => n <= DRAINED_LAG),
      `every consumer kept up with the steady workload through the ${soak.seconds} s soak (lag under ${DRAINED_LAG} at its end: ${JSON.stringify(soak.lagAtEnd)})`,
    );
  expect(Object.values(readyAtEnd).every(Boolean), `every process ready at the end: ${JSON.stringify(readyAtEnd)}`);
  for (const f of faults) {
    expect(f.detectMs !== null, `${f.server} ${f.signal}: detected by /readyz`);
    expect(f.readyMs !== null, `${f.server} ${f.signal}: every process ready again on its own`);
    expect(f.caughtUpMs !== null, `${f.server} ${f.signal}: own writes readable again`);
    // A figure, not a check: under the continuing load a loaded machine may not work the backlog
    // off during the round; that it drains is checked once the workload stops (above).
    log(
      `     ${f.server} ${f.signal}: ${f.lagDrainedMs === null ? `lag not back under ${DRAINED_LAG} within ${DRAIN_WAIT_MS / 1000} s: ${JSON.stringify(f.lagNotDrained)}` : `every consumer's lag under ${DRAINED_LAG} ${f.lagDrainedMs} ms after the return`}`,
    );
  }
  const results = {
    mode: short ? 'short' : 'full',
    at: new Date().toISOString(),
    durationS: Math.round((Date.now() - started) / 1000),
    settings: {
      hospitals: 4,
      paceMs: PACE_MS,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
      freezeMs: FREEZE_MS,
      killedForMs: KILLED_FOR_MS,
      soakS: SOAK_MS / 1000,
      ferretdbBackend: servers.ferretdbBackend,
      loadAverage: { atStart: loadAtStart, atEnd: loadAverage() },
    },
    ...(soak ? { soak } : {}),
    faults,
    commands: { ...outcomes, retried, refusals },
    store,
    relay,
    deadLetters,
    views,
    lag: {
      drainedUnder: DRAINED_LAG,
      zeroAfterStopMs: lagZeroMs,
      atEnd: lagAtEnd,
      // Every fifth sample, seconds from the start (the figures above are from all of them).
      everyMs: LAG_EVERY_MS * 5,
      samples: lag.samples
        .filter((_, i) => i % 5 === 0)
        .map((x) => ({ s: Math.round((x.at - started) / 1000), lag: x.lag })),
    },
    exited,
    problems,
  };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  log(`results in ${out}`);
  exitCode = problems.length === 0 ? 0 : 1;
} catch (error) {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  await lagProbe?.close();
  await system?.stop();
  await servers.destroy();
}
log(problems.length === 0 && exitCode === 0 ? 'PASSED' : `FAILED: ${problems.join('; ') || 'see above'}`);
process.exit(exitCode);
