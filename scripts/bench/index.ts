/**
 * The benchmark suite: `npm run bench` (full) or `npm run bench -- --quick` (CI, under 2 minutes).
 * Needs the real servers for most figures: `eval "$(scripts/services.sh env)"` first (npm run bench
 * reads POSTGRES_URL, REDIS_URL, KAFKA_BROKERS, MONGODB_URL). A figure whose piece is missing is
 * written as null with the reason, never estimated.
 */
import { readdirSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { generateWorkload } from '../generate/workload.js';
import { benchAppendFigures } from './append-section.js';
import { benchCommands, benchCommandsWide } from './commands-http.js';
import { benchCommandSweep } from './commands-sweep.js';
import { benchFreshness } from './freshness.js';
import { benchPeer } from './peer/section.js';
import { alsoMongodbFromEnv } from './pipeline.js';
import { benchPipelineFigures } from './pipeline-section.js';
import { writePlots } from './plots.js';
import { printProfileTop } from './profile-top.js';
import { benchReads, cachedWindow } from './reads.js';
import { benchRebuild } from './rebuild-section.js';
import { Figures, formatFigures, REQUIRED_KEYS, resultsFile, writeResults } from './results.js';
import { benchScale, FULL_SCALE_PLAN, SCALE_KEYS, type ScalePlan } from './scale/section.js';
import { type BenchSystem, startSystem } from './system.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    out: { type: 'string', default: join(import.meta.dirname, '..', '..', 'bench', 'results') },
    // The scale section's sizes and soak, shorter for trying it (defaults: FULL_SCALE_PLAN).
    'scale-store': { type: 'string' },
    'scale-patients': { type: 'string' },
    'soak-seconds': { type: 'string' },
  },
});
const quick = values.quick;
const only = values.only ? new Set(values.only.split(',')) : undefined;
const wants = (section: string) => !only || only.has(section);

const plan = quick
  ? {
      hospitals: 8,
      days: 2,
      clients: 8,
      appendSeconds: 1,
      peerAppendSeconds: 2,
      rate: 40,
      openSeconds: 6,
      sweepSeconds: 3,
      freshnessRate: 5,
      freshnessSeconds: 8,
      freshness50Seconds: 4,
      readSeconds: 3,
      rebuildSeconds: 8,
      pipelineEvents: 300,
      /** Issue 20's condition for commands.per_s (32 closed-loop clients): full run only. */
      wideClients: 0,
    }
  : {
      hospitals: 16,
      days: 5,
      clients: 16,
      appendSeconds: 3,
      peerAppendSeconds: 8,
      rate: 60,
      openSeconds: 30,
      sweepSeconds: 10,
      freshnessRate: 5,
      freshnessSeconds: 60,
      freshness50Seconds: 20,
      readSeconds: 10,
      rebuildSeconds: 60,
      pipelineEvents: 2000,
      wideClients: 32,
    };
const seed = 'bench';
const env = {
  postgres: process.env['POSTGRES_URL'] || undefined,
  redis: process.env['REDIS_URL'] || undefined,
  kafka: process.env['KAFKA_BROKERS'] || undefined,
  mongodb: process.env['MONGODB_URL'] || undefined,
};

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const figures = new Figures();
const startedAt = new Date().toISOString();
const t0 = performance.now();

async function section(name: string, keys: readonly string[], run: () => Promise<void>): Promise<void> {
  if (!wants(name)) {
    figures.unavailable(keys, `section ${name} not selected (--only)`);
    return;
  }
  const started = performance.now();
  log(`${name}…`);
  try {
    await run();
  } catch (error) {
    const reason = `${name} failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300);
    log(reason);
    for (const key of keys) if (!figures.values.has(key)) figures.set(key, null, reason);
  }
  log(`${name} done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** A section's keys, as results.ts requires them (one list, so a section cannot miss one). */
const keysOf = (section: string) => REQUIRED_KEYS.filter((k) => k.startsWith(`${section}.`));

await section('append', keysOf('append'), () =>
  benchAppendFigures(figures, { secondsPerCell: plan.appendSeconds, postgresUrl: env.postgres, log }),
);

const PEER_KEYS = keysOf('peer');
await section('peer', PEER_KEYS, async () => {
  if (!env.postgres) return figures.unavailable(PEER_KEYS, 'POSTGRES_URL not set: the peer runs on PostgreSQL');
  await benchPeer(figures, {
    postgresUrl: env.postgres,
    steps: generateWorkload({ hospitals: plan.hospitals, days: plan.days, seed, hospitalPrefix: 'bench-peer' }),
    clients: plan.clients,
    appendSeconds: plan.peerAppendSeconds,
    appendWriters: 16,
    log,
  });
});

/** Hospitals the sweep spreads each rate over: lanes enough that the server, not the lanes, bounds it. */
const SWEEP_HOSPITALS = 32;
const SWEEP_KEYS = ['commands.sweep_knee_per_s', 'commands.sweep_turned_up_per_s', 'commands.p99_at_half_closed_ms'];
const WIDE_KEYS = plan.wideClients
  ? ['per_s', 'closed_p99_ms', 'api_cpu_ms_per_command', 'api_cpu_utilisation'].map(
      (k) => `commands.c${plan.wideClients}.${k}`,
    )
  : [];
const COMMAND_KEYS = [...keysOf('commands'), ...SWEEP_KEYS, ...WIDE_KEYS];
const FRESHNESS_KEYS = keysOf('freshness');
const FRESHNESS_50_KEYS = ['rate_per_s', 'p50_ms', 'p99_ms'].map((k) => `freshness.at_50_per_s.${k}`);
const READ_KEYS = keysOf('read');
const peaks = new Map<string, number>();
const recordPeaks = (system: BenchSystem | undefined) => {
  for (const child of system?.children ?? []) {
    const peak = child.peakRssMb();
    if (peak !== null) peaks.set(child.name, Math.max(peaks.get(child.name) ?? 0, peak));
  }
};
const startFailed = (keys: readonly string[], error: unknown) =>
  figures.unavailable(
    keys,
    `the system did not start: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300),
  );

// The command API alone on its own database: the write side's capacity, not shared with the pipeline.
await section('commands', COMMAND_KEYS, async () => {
  let system: BenchSystem | undefined;
  try {
    system = await startSystem(env, log, { pipeline: false });
  } catch (error) {
    return startFailed(COMMAND_KEYS, error);
  }
  try {
    await benchCommands(system, figures, {
      hospitals: plan.hospitals,
      days: plan.days,
      seed,
      clients: plan.clients,
      ratePerSecond: plan.rate,
      openSeconds: plan.openSeconds,
      log,
    });
    if (plan.wideClients) {
      // Its own failure nulls only its own keys, not the sweep's.
      await benchCommandsWide(system, figures, { seed, clients: plan.wideClients, days: 2, log }).catch(
        (error: unknown) =>
          figures.unavailable(WIDE_KEYS, `failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    }
    const closed = figures.values.get('commands.per_s');
    if (typeof closed === 'number' && closed > 0) {
      await benchCommandSweep(system, figures, {
        seed,
        closedPerSecond: closed,
        hospitals: SWEEP_HOSPITALS,
        secondsPerRate: plan.sweepSeconds,
        log,
      });
    } else {
      figures.unavailable(SWEEP_KEYS, 'no closed-loop rate to sweep around (commands.per_s is null)');
    }
  } finally {
    recordPeaks(system);
    await system.stop();
  }
});

// The whole pipeline on a fresh database (no backlog to drain): command API → relay → Kafka →
// projectors → MongoDB/Redis → read API.
const PIPELINE_KEYS = [...FRESHNESS_KEYS, ...READ_KEYS, 'rebuild.events_per_s'];
if (['freshness', 'reads', 'rebuild'].some(wants)) {
  log('system (whole pipeline)…');
  let system: BenchSystem | undefined;
  try {
    system = await startSystem(env, log, { pipeline: true });
  } catch (error) {
    log(`the system did not start: ${error instanceof Error ? error.message : String(error)}`);
    startFailed(PIPELINE_KEYS, error);
  }
  try {
    if (system && !system.readApiUrl) figures.unavailable(PIPELINE_KEYS, system.missing['pipeline'] ?? 'no read API');
    const live = system?.readApiUrl ? system : undefined;
    let written: Awaited<ReturnType<typeof benchFreshness>> | undefined;
    await section('freshness', FRESHNESS_KEYS, async () => {
      if (!live) return;
      written = await benchFreshness(live, figures, {
        hospitals: 2,
        seed,
        ratePerSecond: plan.freshnessRate,
        seconds: plan.freshnessSeconds,
        ...(env.redis ? { redisUrl: env.redis } : {}),
        log,
      });
    });
    await section('reads', READ_KEYS, async () => {
      if (!live) return;
      if (!written) return figures.unavailable(READ_KEYS, 'the freshness section made no wards to read');
      await benchReads(live, figures, { ...written, clients: plan.clients, seconds: plan.readSeconds, log });
    });
    // Freshness again at 50 commands/s (issue 20 item 7): more hospitals, so that their lanes, not
    // the rate, are what the open loop interleaves. After the reads, which use the 5/s run's wards.
    await section('freshness', FRESHNESS_50_KEYS, async () => {
      if (!live) return;
      await benchFreshness(live, figures, {
        hospitals: 16,
        seed: `${seed}-50`,
        keyPrefix: 'freshness.at_50_per_s',
        ratePerSecond: 50,
        seconds: plan.freshness50Seconds,
        ...(env.redis ? { redisUrl: env.redis } : {}),
        log,
      });
    });
    await section('rebuild', ['rebuild.events_per_s'], async () => {
      if (live) await benchRebuild(live, figures, { seconds: plan.rebuildSeconds, log });
    });
  } finally {
    recordPeaks(system);
    await system?.stop();
  }
  const profileDir = process.env['BENCH_PROFILE_DIR'];
  if (profileDir && cachedWindow) {
    const dir = join(profileDir, 'read_api');
    // The main thread's profile (thread 0); tsx's loader thread writes its own.
    const file = readdirSync(dir)
      .filter((f) => /\.0\.\d+\.cpuprofile$/.test(f))
      .sort()
      .at(-1);
    if (file) {
      log(`read API profile over the cached-read loop (${join(dir, file)}):`);
      printProfileTop(join(dir, file), cachedWindow);
    }
  }
}
for (const [name, peak] of peaks) figures.set(`rss_mb.${name}`, peak);

await section('pipeline', ['relay.events_per_s', 'projection.events_per_s'], () =>
  benchPipelineFigures(figures, {
    events: plan.pipelineEvents,
    postgresUrl: env.postgres,
    kafkaBrokers: env.kafka,
    mongodbUrl: env.mongodb,
    mongodbServer: process.env['CHARTLINE_MONGODB_SERVER'] || undefined,
    alsoMongodb: alsoMongodbFromEnv().alsoMongodb,
    redisUrl: env.redis,
    log,
  }),
);
// How cost grows (store size, patients per hospital, a memory soak): the full run only, or asked
// for by name; --quick (CI) leaves it out, it takes ~30 minutes.
const sizes = (text: string | undefined, fallback: readonly number[]) =>
  text === undefined ? fallback : text.split(',').filter(Boolean).map(Number);
const scalePlan: ScalePlan = {
  ...FULL_SCALE_PLAN,
  storeSizes: sizes(values['scale-store'], FULL_SCALE_PLAN.storeSizes),
  patientSizes: sizes(values['scale-patients'], FULL_SCALE_PLAN.patientSizes),
  soakSeconds: values['soak-seconds'] === undefined ? FULL_SCALE_PLAN.soakSeconds : Number(values['soak-seconds']),
};
if (quick && !only?.has('scale')) {
  figures.unavailable(SCALE_KEYS, 'the scale section is not part of --quick');
} else {
  await section('scale', SCALE_KEYS, async () => {
    if (!env.postgres) return figures.unavailable(SCALE_KEYS, 'POSTGRES_URL not set');
    await benchScale(figures, { urls: env, plan: scalePlan, out: values.out, log });
  });
}
figures.set('rss_mb.bench', Math.round(process.resourceUsage().maxRSS / 1024));

const file = resultsFile(figures, {
  startedAt,
  mode: quick ? 'quick' : 'full',
  machine: { cpus: cpus().length, node: process.version, platform: process.platform },
  workload: {
    seed,
    hospitals: plan.hospitals,
    days: plan.days,
    clients: plan.clients,
    open_loop_rate_per_s: plan.rate,
    freshness_rate_per_s: plan.freshnessRate,
    freshness_hospitals: 2,
    peer_append_writers: 16,
    sweep_hospitals: SWEEP_HOSPITALS,
    sweep_seconds_per_rate: plan.sweepSeconds,
    ...(figures.series.size > 0 && [...figures.series.keys()].some((k) => k.startsWith('scale_'))
      ? {
          scale_store_sizes: scalePlan.storeSizes.join(','),
          scale_patient_sizes: scalePlan.patientSizes.join(','),
          scale_command_rate_per_s: scalePlan.commandRate,
          scale_command_seconds: scalePlan.commandSeconds,
          scale_repetitions: scalePlan.repetitions,
          scale_soak_seconds: scalePlan.soakSeconds,
          scale_soak_rate_per_s: scalePlan.soakRate,
        }
      : {}),
  },
});
console.log(formatFigures(figures));
const written = writeResults(values.out, file);
for (const plot of await writePlots(file, values.out)) log(`plot ${plot}`);
log(`written ${written.latest} and ${written.dated} in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
