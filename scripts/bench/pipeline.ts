/**
 * Pipeline throughput: relay events/s (event store → bus, checkpointed) and projection events/s
 * (bus → read models, positions and cache generations), for the embedded adapters (memory store,
 * in-process bus, memory read store, LRU cache) and, when POSTGRES_URL, KAFKA_BROKERS and
 * MONGODB_URL are set, for PostgreSQL → Kafka → MongoDB (+ Redis when REDIS_URL is set).
 *
 * The events are the generator's ADT workload written through the real command server once (so
 * they are sealed and their personal fields encrypted, as in production), then copied in order
 * into each event store under test. The relay runs first over the whole backlog; the projectors
 * then consume it: each figure is a backlog drained, not a trickle kept up with.
 * Run: `npx tsx scripts/bench/pipeline.ts [--events N] [--repeat R]` (default 2,000 events: well under
 * 30 s; `--repeat` measures the embedded adapters R times over the same events).
 */
import { pathToFileURL } from 'node:url';
import { memoryCheckpointStore, startRelay, toBusMessage } from '@chartline/commands/relay';
import { dlqTopicFor, moduleOfType, projectedModuleNames, topicFor } from '@chartline/events';
import {
  type Cache,
  createMemoryKeyStore,
  type EventBus,
  type EventStore,
  InProcessBus,
  KafkaBus,
  type KeyStore,
  LruCache,
  MemoryEventStore,
  MemoryReadStore,
  openMongoReadStore,
  openRedisCache,
  PostgresEventStore,
  type ReadStore,
  type RecordedEvent,
} from '@chartline/infra';
import {
  decodeMessage,
  liveNaming,
  projectionFor,
  rebuildModule,
  revealWith,
  startProjector,
} from '@chartline/projections';
import kafkajs from 'kafkajs';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { recordWorkload, writeInOrder } from '../fault/workload-events.js';
import { generateWorkload } from '../generate/workload.js';

/** The modules with read models: each has a topic, a projector and views to compare. */
const MODULES = projectedModuleNames;

export interface PipelineFigure {
  /** `embedded` or `postgres→kafka→mongodb`. */
  readonly adapters: string;
  readonly events: number;
  readonly relaySeconds: number;
  readonly relayEventsPerS: number;
  readonly projectionSeconds: number;
  readonly projectionEventsPerS: number;
  /** CPU time of this process (load generator and, embedded, the whole pipeline) while projecting. */
  readonly projectionCpuMs: number;
  /** Documents the projection left in its views (what the raw write rate below writes again). */
  readonly documents: number;
  /**
   * The read store's own rate for the same documents, written again into scratch collections
   * with no projection around them: `insertOne` 8 at a time (as the projector flushes), and in
   * bulk (`insertMany` of 1,000, as a rebuild writes). Documents per second.
   */
  readonly storeWritePerS: number;
  readonly storeBulkWritePerS: number;
  /** Blue/green rebuild of every module's views from the same store, into fresh collections. */
  readonly rebuildEventsPerS: number;
  /** CPU time of this process during that rebuild. */
  readonly rebuildCpuMs: number;
}

export interface PipelineBenchOptions {
  /** Roughly how many events to relay and project (the workload is cut at a whole step). Default 2,000. */
  readonly events?: number;
  /** Real servers; without all three only the embedded adapters are measured. */
  readonly postgresUrl?: string;
  readonly kafkaBrokers?: string;
  readonly mongodbUrl?: string;
  /** What serves `mongodbUrl` (`ferretdb-sqlite`, `ferretdb-postgresql`, `mongod`: scripts/services.sh env names it), for the row's name. */
  readonly mongodbServer?: string;
  /**
   * A second MongoDB-wire server measured in the same run after the first, e.g. FerretDB on its
   * other backend (issue 20 item 4: both backends side by side).
   */
  readonly alsoMongodb?: { readonly url: string; readonly server: string };
  readonly redisUrl?: string;
  /** The embedded adapters measured this many times over the same events (CPU figures vary under load). Default 1. */
  readonly repeat?: number;
  /** Gives up on a stage after this long. Default 120 s. */
  readonly stageTimeoutMs?: number;
}

interface Adapters {
  readonly name: string;
  readonly store: EventStore;
  readonly bus: EventBus;
  readonly readStore: ReadStore;
  readonly cache: Cache;
  cleanup(): Promise<void>;
}

/** Relay and projection throughput per adapter set: embedded always, the real servers when given. */
export async function benchPipeline(options: PipelineBenchOptions = {}): Promise<PipelineFigure[]> {
  const { events, keys } = await writeWorkload(options.events ?? 2_000);
  const figures: PipelineFigure[] = [];
  const sets: (() => Promise<Adapters>)[] = Array.from({ length: Math.max(1, options.repeat ?? 1) }, () => embedded);
  const { postgresUrl, kafkaBrokers, mongodbUrl } = options;
  if (postgresUrl && kafkaBrokers && mongodbUrl) {
    sets.push(() => real(postgresUrl, kafkaBrokers, mongodbUrl, options.redisUrl, options.mongodbServer));
    const also = options.alsoMongodb;
    if (also) sets.push(() => real(postgresUrl, kafkaBrokers, also.url, options.redisUrl, also.server));
  }
  for (const open of sets) {
    const adapters = await open();
    try {
      figures.push(await measure(adapters, events, keys, options.stageTimeoutMs ?? 120_000));
    } finally {
      await adapters.cleanup();
    }
  }
  return figures;
}

/** The generator's workload through the real command server (embedded), cut at ~`target` events. */
async function writeWorkload(target: number): Promise<{ events: RecordedEvent[]; keys: KeyStore }> {
  const keys = createMemoryKeyStore();
  // About 80 events per hospital-day with the generator's defaults; a prefix of the ordered
  // workload is itself valid (each hospital's steps stay in order).
  const days = Math.max(2, Math.ceil(target / (4 * 80)));
  const steps = generateWorkload({ hospitals: 4, days, seed: 'bench-pipeline', hospitalPrefix: 'bench' });
  const cut = Math.min(steps.length, Math.ceil((steps.length * target) / (days * 4 * 80)));
  return { events: await recordWorkload(steps.slice(0, cut), keys), keys };
}

async function embedded(): Promise<Adapters> {
  const store = new MemoryEventStore();
  const bus = new InProcessBus();
  const readStore = new MemoryReadStore();
  return {
    name: 'embedded',
    store,
    bus,
    readStore,
    cache: new LruCache(),
    cleanup: async () => {
      await Promise.allSettled([bus.close(), readStore.close(), store.close()]);
    },
  };
}

async function real(
  postgresUrl: string,
  brokers: string,
  mongodbUrl: string,
  redisUrl?: string,
  mongodbServer?: string,
): Promise<Adapters> {
  const schema = `bench_pipeline_${process.pid}_${Date.now()}`;
  const store = await PostgresEventStore.open({ url: postgresUrl, schema, poolSize: 4 });
  const bus = new KafkaBus({ brokers, clientId: 'bench-pipeline' });
  const readStore = await openMongoReadStore(mongodbUrl);
  const cache: Cache = redisUrl ? await openRedisCache(redisUrl) : new LruCache();
  return {
    name: `postgres→kafka→mongodb${redisUrl ? '+redis' : ''}${mongodbServer ? ` (${mongodbServer})` : ''}`,
    store,
    bus,
    readStore,
    cache,
    async cleanup() {
      await Promise.allSettled([bus.close(), cache.close(), store.close()]);
      for (const name of await readStore.listCollections())
        if (name.startsWith('bench_pipeline_')) await readStore.dropCollection(name);
      await readStore
        .collection('projector_positions')
        .deleteMany({ hospitalId: { $in: ['bench-1', 'bench-2', 'bench-3', 'bench-4'] } });
      await readStore.close();
      const client = new pg.Client(postgresUrl);
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
      const admin = new kafkajs.Kafka({ brokers: brokers.split(','), logLevel: kafkajs.logLevel.NOTHING }).admin();
      await admin.connect();
      const topics = (await admin.listTopics()).filter((t) => t.startsWith('bench.pipeline.'));
      await admin.deleteTopics({ topics, timeout: 10_000 }).catch(() => {});
      await admin.disconnect();
    },
  };
}

async function measure(
  adapters: Adapters,
  events: readonly RecordedEvent[],
  keys: KeyStore,
  timeoutMs: number,
): Promise<PipelineFigure> {
  const { store, bus, readStore, cache } = adapters;
  await writeInOrder(events, store);
  const head = await store.headPosition();
  const run = uuidv7().slice(-12);
  const topics = (module: string) => ({
    topic: `bench.pipeline.${run}.${topicFor(module)}`,
    dlqTopic: `bench.pipeline.${run}.${dlqTopicFor(module)}`,
  });

  const relay = await startRelay({
    store,
    bus,
    checkpoints: memoryCheckpointStore(null),
    modules: [...MODULES],
    encode: (event) => ({ ...toBusMessage(event), topic: topics(moduleOfType(event.type)).topic }),
    topicsOf: (module) => Object.values(topics(module)),
    partitions: 4,
  });
  const relayStarted = performance.now();
  await until(() => relay.stats().checkpoint === head, timeoutMs, 'relay');
  const relaySeconds = (performance.now() - relayStarted) / 1000;
  await relay.stop();

  const profile = await startProfile(adapters.name);
  const projectionStarted = performance.now();
  const cpuStarted = process.cpuUsage();
  const projectors = await Promise.all(
    MODULES.map((module) =>
      startProjector({
        bus,
        projection: projectionFor(module),
        decode: decodeMessage,
        ...topics(module),
        groupId: `bench.pipeline.${run}.${module}`,
        partitions: 4,
        readStore,
        naming: liveNaming(`bench_pipeline_${run}_`),
        reveal: revealWith(keys),
        cache,
      }),
    ),
  );
  const applied = () => projectors.reduce((sum, p) => sum + p.stats().applied + p.stats().parked, 0);
  await until(() => applied() >= events.length, timeoutMs, 'projection');
  const projectionSeconds = (performance.now() - projectionStarted) / 1000;
  const cpu = process.cpuUsage(cpuStarted);
  await profile.stop();
  await Promise.all(projectors.map((p) => p.stop()));
  const parked = projectors.reduce((sum, p) => sum + p.stats().parked, 0);
  if (parked > 0) throw new Error(`${adapters.name}: ${parked} events parked on a DLQ`);

  const prefix = `bench_pipeline_${run}_`;
  const raw = await rawWrites(readStore, prefix);
  const rebuildProfile = await startProfile(`rebuild-${adapters.name}`);
  const rebuildStarted = performance.now();
  const rebuildCpuStarted = process.cpuUsage();
  let rebuilt = 0;
  for (const module of MODULES) {
    rebuilt += (await rebuildModule({ store, readStore, reveal: revealWith(keys), prefix, pageSize: 1_000 }, module))
      .events;
  }
  const rebuildSeconds = (performance.now() - rebuildStarted) / 1000;
  const rebuildCpu = process.cpuUsage(rebuildCpuStarted);
  await rebuildProfile.stop();

  return {
    adapters: adapters.name,
    events: events.length,
    relaySeconds,
    relayEventsPerS: Math.round(events.length / relaySeconds),
    projectionSeconds,
    projectionEventsPerS: Math.round(events.length / projectionSeconds),
    projectionCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    documents: raw.documents,
    storeWritePerS: raw.onePerS,
    storeBulkWritePerS: raw.bulkPerS,
    rebuildEventsPerS: Math.round(rebuilt / rebuildSeconds),
    rebuildCpuMs: Math.round((rebuildCpu.user + rebuildCpu.system) / 1000),
  };
}

/**
 * The documents the projection wrote (every view collection under `prefix`), written again into
 * scratch collections `<prefix>raw_…`: one by one (8 in flight), then in bulk. Documents per second.
 */
async function rawWrites(
  readStore: ReadStore,
  prefix: string,
): Promise<{ documents: number; onePerS: number; bulkPerS: number }> {
  const views = (await readStore.listCollections()).filter((c) => c.startsWith(prefix) && !c.includes('__'));
  const documents: { view: string; document: Record<string, unknown> }[] = [];
  for (const view of views)
    for (const document of await readStore.collection(view).find({})) documents.push({ view, document });
  const scratch = (view: string, kind: string) =>
    readStore.collection(`${prefix}raw_${kind}_${view.slice(prefix.length)}`);
  let started = performance.now();
  for (let i = 0; i < documents.length; i += 8) {
    await Promise.all(documents.slice(i, i + 8).map(({ view, document }) => scratch(view, 'one').insertOne(document)));
  }
  const oneSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  for (const view of views) {
    const mine = documents.filter((d) => d.view === view).map((d) => d.document);
    const target = scratch(view, 'bulk');
    for (let i = 0; i < mine.length; i += 1_000) {
      const chunk = mine.slice(i, i + 1_000);
      if (target.insertMany) await target.insertMany(chunk);
      else for (const document of chunk) await target.insertOne(document);
    }
  }
  const bulkSeconds = (performance.now() - started) / 1000;
  for (const view of views) {
    for (const kind of ['one', 'bulk']) {
      const name = `${prefix}raw_${kind}_${view.slice(prefix.length)}`;
      await readStore.dropCollection(name).catch(() => undefined);
    }
  }
  const rate = (seconds: number) =>
    documents.length === 0 ? 0 : Math.round(documents.length / Math.max(seconds, 1e-6));
  return { documents: documents.length, onePerS: rate(oneSeconds), bulkPerS: rate(bulkSeconds) };
}

/**
 * With BENCH_PROFILE_DIR set, a CPU profile of this process over the projection stage
 * (`<dir>/projection-<adapters>.cpuprofile`, open it in Chrome DevTools) and over the rebuild
 * (`<dir>/projection-rebuild-<adapters>.cpuprofile`): how the profiles in docs/performance.md were
 * taken. A later run of the same adapters overwrites the file.
 */
async function startProfile(adapters: string): Promise<{ stop(): Promise<void> }> {
  const dir = process.env['BENCH_PROFILE_DIR'];
  if (!dir) return { stop: async () => {} };
  const { Session } = await import('node:inspector/promises');
  const { mkdir, writeFile } = await import('node:fs/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop');
      session.disconnect();
      await mkdir(dir, { recursive: true });
      await writeFile(`${dir}/projection-${adapters.replace(/\W+/g, '_')}.cpuprofile`, JSON.stringify(profile));
    },
  };
}

async function until(check: () => boolean, timeoutMs: number, stage: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`bench pipeline: ${stage} did not finish in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** Events per CPU-second: on a shared machine the CPU a stage used says more than its wall time. */
const perCpuSecond = (events: number, cpuMs: number) =>
  cpuMs > 0 ? Math.round((events * 1000) / cpuMs).toLocaleString('en-US') : '-';

export function formatPipelineTable(figures: readonly PipelineFigure[]): string {
  const header = [
    'adapters',
    'events',
    'relay s',
    'relay events/s',
    'projection s',
    'projection events/s',
    'projection cpu ms',
    'documents',
    'store writes/s (one, bulk)',
    'rebuild events/s',
    'rebuild cpu ms',
    'events per cpu-s (projection, rebuild)',
  ];
  const rows = figures.map((f) => [
    f.adapters,
    String(f.events),
    f.relaySeconds.toFixed(2),
    f.relayEventsPerS.toLocaleString('en-US'),
    f.projectionSeconds.toFixed(2),
    f.projectionEventsPerS.toLocaleString('en-US'),
    f.projectionCpuMs.toLocaleString('en-US'),
    String(f.documents),
    `${f.storeWritePerS.toLocaleString('en-US')}, ${f.storeBulkWritePerS.toLocaleString('en-US')}`,
    f.rebuildEventsPerS.toLocaleString('en-US'),
    f.rebuildCpuMs.toLocaleString('en-US'),
    `${perCpuSecond(f.events, f.projectionCpuMs)}, ${perCpuSecond(f.events, f.rebuildCpuMs)}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/**
 * BENCH_ALSO_MONGODB_URL (and BENCH_ALSO_MONGODB_SERVER naming what serves it, default
 * `ferretdb-postgresql`): a second read store for the same run, side by side with MONGODB_URL.
 */
export function alsoMongodbFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): { alsoMongodb: { url: string; server: string } } | Record<string, never> {
  const url = env['BENCH_ALSO_MONGODB_URL'];
  if (!url) return {};
  return { alsoMongodb: { url, server: env['BENCH_ALSO_MONGODB_SERVER'] || 'ferretdb-postgresql' } };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const env = (name: string) => process.env[name] || undefined;
  const at = process.argv.indexOf('--events');
  const events = at > 0 ? Number(process.argv[at + 1]) : undefined;
  const repeatAt = process.argv.indexOf('--repeat');
  const repeat = repeatAt > 0 ? Number(process.argv[repeatAt + 1]) : undefined;
  const real = { postgresUrl: env('POSTGRES_URL'), kafkaBrokers: env('KAFKA_BROKERS'), mongodbUrl: env('MONGODB_URL') };
  if (!real.postgresUrl || !real.kafkaBrokers || !real.mongodbUrl)
    console.log('POSTGRES_URL, KAFKA_BROKERS and MONGODB_URL not all set: only the embedded adapters are measured');
  const figures = await benchPipeline({
    ...(events ? { events } : {}),
    ...(repeat ? { repeat } : {}),
    ...(real.postgresUrl ? { postgresUrl: real.postgresUrl } : {}),
    ...(real.kafkaBrokers ? { kafkaBrokers: real.kafkaBrokers } : {}),
    ...(real.mongodbUrl ? { mongodbUrl: real.mongodbUrl } : {}),
    ...(env('CHARTLINE_MONGODB_SERVER') ? { mongodbServer: env('CHARTLINE_MONGODB_SERVER') } : {}),
    ...alsoMongodbFromEnv(),
    ...(env('REDIS_URL') ? { redisUrl: env('REDIS_URL') } : {}),
  });
  console.log(formatPipelineTable(figures));
  process.exit(0);
}
