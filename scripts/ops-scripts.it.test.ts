import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import {
  type ConsumedMessage,
  createMemoryKeyStore,
  KafkaBus,
  type KeyStore,
  LruCache,
  MasterKey,
  MemoryReadStore,
  type MongoReadStore,
  openMongoReadStore,
  openPostgresKeyStore,
  openRedisCache,
  PostgresEventStore,
  type RedisCache,
  requireService,
} from '@chartline/infra';
import {
  BED_BOARD,
  DLQ_HEADER_PREFIX,
  DLQ_HEADERS,
  decodeMessage,
  liveNaming,
  PROJECTOR_POSITIONS,
  type Projector,
  projectionFor,
  revealWith,
  STAYS,
  startProjector,
  WARDS,
} from '@chartline/projections';
import { applyAll, collectTopic, eventually, snapshot } from '@chartline/projections/testing';
import { expect } from 'chai';
import kafkajs from 'kafkajs';
import { v7 as uuidv7 } from 'uuid';
import { createDatabase, dropDatabase } from './bench/databases.js';
import { runTopics } from './fault/child-env.js';
import { recordWorkload, writeInOrder } from './fault/workload-events.js';
import { generateWorkload } from './generate/workload.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VIEWS = [BED_BOARD, STAYS, WARDS];
/** The variables the two scripts read: cleared from the inherited environment so each run states its own. */
const THEIRS = ['EVENT_STORE_URL', 'MONGODB_URL', 'REDIS_URL', 'KEY_STORE_URL', 'PERSONAL_DATA_MASTER_KEY'];

interface Run {
  readonly code: number | null;
  readonly stderr: string;
  readonly millis: number;
}

/** Runs an npm script as an operator would (`npm run -s <script> -- <args>`), with only the given variables. */
function npmRun(script: string, args: readonly string[], env: Record<string, string>): Promise<Run> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !THEIRS.includes(k) && k !== 'KAFKA_BROKERS'),
  );
  const started = Date.now();
  const child = spawn('npm', ['run', '-s', script, '--', ...args], {
    cwd: ROOT,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  return new Promise((resolve) =>
    child.once('close', (code) => resolve({ code, stderr, millis: Date.now() - started })),
  );
}

/**
 * The operators' scripts, run for real as child processes against real servers: `npm run rebuild`
 * over a fresh PostgreSQL database of generated ADT events into a fresh MongoDB-wire database, and
 * `npm run dlq:replay` over a message the projector itself parked, on topics of this run's own.
 */
describe('ops scripts: npm run rebuild and npm run dlq:replay against the real servers', function () {
  this.timeout(60_000);
  const run = uuidv7().slice(-12).replace(/-/g, '');
  const database = `ops_${run}`;
  const masterKey = randomBytes(32).toString('base64');
  const steps = generateWorkload({ hospitals: 2, days: 2, seed: `ops-${run}`, hospitalPrefix: `o${run}` });
  const hospitals = [...new Set(steps.map((s) => s.hospitalId))];

  let urls: { pg: string; mongo: string; redis: string; kafka: string; db: string; readDb: string };
  let store: PostgresEventStore;
  let keys: KeyStore;
  let readStore: MongoReadStore;
  let cache: RedisCache;

  before(async function () {
    const pg = requireService(this, 'POSTGRES_URL', 'the event store and key store the rebuild reads');
    const mongo = requireService(this, 'MONGODB_URL', 'the read models the rebuild writes');
    const redis = requireService(this, 'REDIS_URL', 'cache generations the rebuild bumps');
    const kafka = requireService(this, 'KAFKA_BROKERS', 'the dead-letter topic the replay drains');
    const readDb = new URL(mongo);
    readDb.pathname = `/${database}`;
    urls = { pg, mongo, redis, kafka, db: await createDatabase(pg, database), readDb: readDb.toString() };
    store = await PostgresEventStore.open({ url: urls.db });
    keys = await openPostgresKeyStore(urls.db, MasterKey.parse(masterKey));
    readStore = await openMongoReadStore(urls.readDb);
    cache = await openRedisCache(redis);
  });

  after(async () => {
    await readStore?.db.dropDatabase().catch(() => undefined);
    // The run's few generation counters stay in Redis (as every projector's do): the hospital ids are its own.
    await Promise.allSettled([readStore?.close(), cache?.close(), keys?.close(), store?.close()]);
    if (urls) await dropDatabase(urls.pg, database).catch(() => undefined);
  });

  const rebuildEnv = () => ({
    EVENT_STORE_URL: urls.db,
    KEY_STORE_URL: urls.db,
    PERSONAL_DATA_MASTER_KEY: masterKey,
    MONGODB_URL: urls.readDb,
    REDIS_URL: urls.redis,
  });

  it('rebuild: replays the events into fresh collections with a progress bar, switches, drops the old, bumps the cache', async () => {
    await writeInOrder(await recordWorkload(steps, keys), store);
    const events = await store.readAll();
    const admissions = events.filter((e) => e.type.startsWith('admissions.'));
    expect(admissions.length, 'the workload makes admissions events').to.be.greaterThan(60);
    // A stale live document, as a projection bug would have left it: the switch must drop it.
    await readStore
      .collection(BED_BOARD)
      .updateOne({ _id: `${hospitals[0]}:ghost` }, { $set: { status: 'free' } }, { upsert: true });
    const generationsBefore = await generations();

    const result = await npmRun('rebuild', ['--module', 'admissions', '--page-size', '25'], rebuildEnv());

    expect(result.code, result.stderr).to.equal(0);
    const lines = result.stderr.split(/[\r\n]+/).filter((l) => l.trim() !== '');
    const bars = lines.filter((l) => /^\[[#.]{30}\] \S+\s+\d+ events, position \d+\/\d+, \d+ events\/s$/.test(l));
    const phases = bars.map((l) => /\] (\S+)/.exec(l)?.[1]);
    expect(phases.filter((p) => p === 'replay').length, result.stderr).to.be.at.least(
      Math.ceil(admissions.length / 25),
    );
    expect(phases.indexOf('switch'), 'switch once the replay is caught up').to.be.greaterThan(
      phases.lastIndexOf('replay'),
    );
    expect(phases.at(-1)).to.equal('done');
    expect(bars.at(-1)).to.include(
      `${admissions.length} events, position ${admissions.at(-1)!.position}/${events.at(-1)!.position}`,
    );
    expect(result.stderr).to.match(
      /rebuilt admissions: \d+ events .* old collections dropped, cache generations bumped/,
    );

    const expected = new MemoryReadStore();
    await applyAll('admissions', events, { readStore: expected, keys });
    const live = await snapshot(readStore, VIEWS);
    expect(live[BED_BOARD]!.length, 'beds of both hospitals').to.be.greaterThan(10);
    expect(live, 'each live document equals what the projection makes of the same events').to.deep.equal(
      await snapshot(expected, VIEWS),
    );
    expect(await readStore.collection(BED_BOARD).findOne({ _id: `${hospitals[0]}:ghost` })).to.equal(null);
    const positions = await readStore.collection(PROJECTOR_POSITIONS).find({}, { sort: { _id: 1 } });
    expect(positions).to.deep.equal(await expected.collection(PROJECTOR_POSITIONS).find({}, { sort: { _id: 1 } }));
    const collections = await readStore.listCollections();
    expect(collections.filter((c) => c.includes('__'))).to.deep.equal([]);
    expect(collections).to.include.members(VIEWS);
    const generationsAfter = await generations();
    for (const [key, before] of Object.entries(generationsBefore))
      expect(generationsAfter[key], key).to.be.greaterThan(before);
  });

  it('rebuild: an unknown module, a missing variable or a malformed flag stops it naming the culprit', async () => {
    const bogus = await npmRun('rebuild', ['--module', 'pharmacy'], rebuildEnv());
    expect(bogus.code).to.equal(2);
    expect(bogus.stderr).to.match(/unknown module "pharmacy": one of patients, admissions/);
    const { MONGODB_URL: _, ...withoutMongo } = rebuildEnv();
    const missing = await npmRun('rebuild', ['--module', 'admissions'], withoutMongo);
    expect(missing.code).to.equal(1);
    expect(missing.stderr).to.include('MONGODB_URL: missing').and.not.include(masterKey);
    const page = await npmRun('rebuild', ['--module', 'admissions', '--page-size', 'all'], rebuildEnv());
    expect(page.code).to.equal(2);
    expect(page.stderr).to.include('--page-size must be a positive whole number');
    const replay = await npmRun('dlq:replay', ['--module', 'admissions'], {});
    expect(replay.code).to.equal(1);
    expect(replay.stderr).to.include('KAFKA_BROKERS: missing');
  });

  it('dlq:replay: sends a message the projector parked back to the module topic as it first was, then exits', async () => {
    const prefix = `test.ops.${run}.`;
    const { topic, dlqTopic } = runTopics(prefix, 'admissions');
    const bus = new KafkaBus({ brokers: urls.kafka, clientId: `ops-it-${run}` });
    let projector: Projector | undefined;
    try {
      await bus.ensureTopics([topic, dlqTopic], 2);
      const dlq = await collectTopic(bus, dlqTopic, `${prefix}dlq-reader`);
      projector = await startProjector({
        bus,
        projection: projectionFor('admissions'),
        decode: decodeMessage,
        topic,
        dlqTopic,
        groupId: `${prefix}projector`,
        readStore: new MemoryReadStore(),
        naming: liveNaming(),
        reveal: revealWith(createMemoryKeyStore()),
        cache: new LruCache(),
        backoff: { initialMs: 20, maxMs: 200 },
      });
      const original = {
        key: hospitals[0]!,
        value: Buffer.from([0xc3, 0x01, 9, 9, 9]),
        headers: { type: 'admissions.BedAdded', eventId: uuidv7() },
      };
      await bus.publish(topic, [original]);
      await eventually(() => dlq.messages.length === 1, 30_000);
      await projector.stop();
      projector = undefined;
      await dlq.stop();
      expect(dlq.messages, 'the projector parked the malformed message').to.have.length(1);
      expect(dlq.messages[0]!.headers[DLQ_HEADERS.reason]).to.match(/^(TruncatedMessage|UnknownSchemaFingerprint)/);

      const args = ['--module', 'admissions', '--topic-prefix', prefix, '--idle-ms', '1000'];
      const first = await npmRun('dlq:replay', args, { KAFKA_BROKERS: urls.kafka });
      expect(first.code, first.stderr).to.equal(0);
      expect(first.stderr).to.include(`1 parked messages re-published from ${dlqTopic} to ${topic}`);
      expect(first.millis, 'stops once drained, bounded by the idle timeout').to.be.below(30_000);

      const seen = await collectTopic(bus, topic, `${prefix}topic-reader`);
      const ours = (): ConsumedMessage[] =>
        seen.messages.filter((m) => m.headers['eventId'] === original.headers.eventId);
      await eventually(() => ours().length === 2, 20_000);
      await seen.stop();
      expect(ours(), 'the original and its replayed copy').to.have.length(2);
      const replayed = ours().sort((a, b) => Number(BigInt(b.offset) - BigInt(a.offset)))[0]!;
      expect(replayed.key).to.equal(original.key);
      expect(replayed.value.equals(original.value)).to.equal(true);
      expect(replayed.headers).to.deep.equal(original.headers);
      expect(Object.keys(replayed.headers).filter((h) => h.startsWith(DLQ_HEADER_PREFIX))).to.deep.equal([]);

      const second = await npmRun('dlq:replay', args, { KAFKA_BROKERS: urls.kafka });
      expect(second.code, second.stderr).to.equal(0);
      expect(second.stderr, 'already replayed').to.include('0 parked messages re-published');
    } finally {
      await projector?.stop();
      await bus.close();
      await deleteTopics([topic, dlqTopic]);
    }
  });

  async function generations(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const hospital of hospitals)
      for (const view of VIEWS) out[`${hospital}/${view}`] = await cache.generation(hospital, view);
    return out;
  }

  async function deleteTopics(topics: string[]): Promise<void> {
    const admin = new kafkajs.Kafka({ brokers: urls.kafka.split(','), logLevel: kafkajs.logLevel.NOTHING }).admin();
    await admin.connect();
    await admin.deleteTopics({ topics }).catch(() => undefined);
    await admin.disconnect();
  }
});
