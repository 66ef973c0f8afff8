import { randomBytes } from 'node:crypto';
import { projectedModuleNames } from '@chartline/events';
import {
  type KeyStore,
  MasterKey,
  MemoryReadStore,
  openMongoReadStore,
  openPostgresKeyStore,
  PostgresEventStore,
  type ReadStore,
  type RecordedEvent,
  requireService,
} from '@chartline/infra';
import { PROJECTOR_POSITIONS, projections, rebuildModule, revealWith } from '@chartline/projections';
import { expect } from 'chai';
import kafkajs from 'kafkajs';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { runTopics } from './fault/child-env.js';
import { compareViews } from './fault/compare-views.js';
import { type Child, spawnChild } from './fault/spawn-child.js';
import { recordWorkload, writeInOrder } from './fault/workload-events.js';
import { generateWorkload } from './generate/workload.js';

/** The modules with read models: each has a topic, a projector and views to compare. */
const MODULES = projectedModuleNames;
/**
 * Events to write: at least the 5,000 the issue asks for (`FAULT_EVENTS` changes it). About a
 * minute on a 2-core box since the projector writes each document once per batch (FerretDB 1.24
 * scans a collection on every guarded upsert, which made 5,000 take over five minutes before).
 */
const EXPECTED_EVENTS = Number(process.env['FAULT_EVENTS'] ?? 5_000);
/** The generator's ADT makes about 300 events per day across 4 hospitals (the ids seed the numbers). */
const WORKLOAD = { hospitals: 4, days: Math.ceil((EXPECTED_EVENTS * 1.15) / 300), seed: 'pipeline-fault' } as const;
/** Events written per second after the first 40%: faster than FerretDB projects, so a backlog builds. */
const WRITE_RATE = 150;

/**
 * How long the projector may go without moving before the test calls it stalled, and the most a
 * phase (reaching a third; restarted, reaching the head) may take while it keeps moving. FerretDB
 * 1.24 (SQLite handler) projects slowly, and on a loaded 2-core machine (CI beside other work) the
 * catch-up once needed more than a fixed 120 s while moving all along: slowness is the benchmark's
 * business, a stall is this test's.
 */
const STALL_MS = Number(process.env['FAULT_STALL_MS'] ?? 60_000);
const CATCH_UP_MS = Number(process.env['FAULT_CATCH_UP_MS'] ?? 600_000);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls (gently: FerretDB is shared) until `check` holds; false when the time ran out. */
async function pollUntil(check: () => Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await sleep(250);
  }
  return check();
}

/**
 * As pollUntil, but gives up as soon as `progress` has not changed for STALL_MS (or CATCH_UP_MS ran
 * out); `why` says which, for the failure message.
 */
async function pollWhileMoving(
  check: () => Promise<boolean>,
  progress: () => Promise<number>,
): Promise<{ done: boolean; why: string }> {
  const started = Date.now();
  const deadline = started + CATCH_UP_MS;
  let last = await progress();
  let movedAt = Date.now();
  while (Date.now() < deadline && Date.now() - movedAt < STALL_MS) {
    if (await check()) return { done: true, why: '' };
    await sleep(250);
    const now = await progress();
    if (now !== last) [last, movedAt] = [now, Date.now()];
  }
  const why =
    Date.now() - movedAt >= STALL_MS
      ? `nothing moved for ${STALL_MS / 1000} s (after ${Math.round((movedAt - started) / 1000)} s of progress)`
      : `still moving after ${CATCH_UP_MS / 1000} s`;
  return { done: await check(), why };
}

/**
 * The done-when fault test of the pipeline. The generator's workload goes through the real
 * command server once (sealed, personal fields encrypted with keys in the PostgreSQL key store);
 * its events (FAULT_EVENTS, see above) are then written into a fresh PostgreSQL schema at a steady pace while the
 * relay and the projector run as separate processes. Both are killed with SIGKILL once the
 * projector has applied a third, then started again. When the projector has reached the head,
 * every read-model document must equal what a clean rebuild of the same events produces.
 *
 * The run isolates itself on the shared servers: its own schema, topic prefix, consumer groups,
 * collection prefix and hospital ids. The rebuild runs into the in-process read store: replaying
 * the events into FerretDB a second time would double the run (see CATCH_UP_MS), and comparing
 * across the two adapters also proves they agree.
 */
describe('pipeline fault: kill -9 the relay and the projector mid-stream, restart, compare with a rebuild', function () {
  this.timeout(2 * CATCH_UP_MS + 120_000);
  const run = uuidv7().slice(-12);
  const schema = `fault_${run}`;
  const topicPrefix = `test.fault.${run}.`;
  const live = `tf${run}_`;
  const masterKey = randomBytes(32).toString('hex');
  const steps = generateWorkload({ ...WORKLOAD, hospitalPrefix: `f${run}` });
  const hospitals = [...new Set(steps.map((s) => s.hospitalId))];
  const timings: Record<string, number> = {};

  let urls: { pg: string; kafka: string; mongo: string; redis: string };
  let store: PostgresEventStore;
  let keys: KeyStore;
  let readStore: ReadStore;
  let recorded: RecordedEvent[];
  const children: Child[] = [];

  before(async function () {
    urls = {
      pg: requireService(this, 'POSTGRES_URL', 'the event store, relay checkpoint and key store'),
      kafka: requireService(this, 'KAFKA_BROKERS'),
      mongo: requireService(this, 'MONGODB_URL', 'the read models'),
      redis: requireService(this, 'REDIS_URL', 'cache generations'),
    };
    const t0 = Date.now();
    store = await PostgresEventStore.open({ url: urls.pg, schema, poolSize: 4 });
    keys = await openPostgresKeyStore(urls.pg, MasterKey.parse(masterKey));
    readStore = await openMongoReadStore(urls.mongo);
    recorded = await recordWorkload(steps, keys);
    timings['workload recorded (s)'] = (Date.now() - t0) / 1000;
  });

  after(async () => {
    await Promise.allSettled(children.map((c) => c.kill('SIGKILL')));
    for (const name of (await readStore?.listCollections()) ?? [])
      if (name.startsWith(live)) await readStore.dropCollection(name);
    await readStore?.collection(PROJECTOR_POSITIONS).deleteMany({ hospitalId: { $in: hospitals } });
    await readStore?.close();
    await keys?.close();
    await store?.close();
    if (urls) await dropRunState();
  });

  const relayEnv = () => ({
    EVENT_STORE_URL: urls.pg,
    EVENT_STORE_SCHEMA: schema,
    KAFKA_BROKERS: urls.kafka,
    RELAY_CHECKPOINT_NAME: `fault-${run}`,
    TOPIC_PREFIX: topicPrefix,
    MODULES: MODULES.join(','),
  });
  const projectorEnv = () => ({
    KAFKA_BROKERS: urls.kafka,
    MONGODB_URL: urls.mongo,
    REDIS_URL: urls.redis,
    KEY_STORE_URL: urls.pg,
    MASTER_KEY: masterKey,
    TOPIC_PREFIX: topicPrefix,
    GROUP_PREFIX: `test.fault.${run}.projector.`,
    COLLECTION_PREFIX: live,
    MODULES: MODULES.join(','),
    SESSION_TIMEOUT_MS: process.env['FAULT_SESSION_TIMEOUT_MS'] ?? '10000',
  });

  async function startBoth(): Promise<{ relay: Child; projector: Child }> {
    const relay = spawnChild('child-relay.ts', relayEnv());
    const projector = spawnChild('child-projector.ts', projectorEnv());
    children.push(relay, projector);
    await Promise.all([
      relay.waitForLine((l) => l['ready'] === 'relay', 60_000),
      projector.waitForLine((l) => l['ready'] === 'projector', 60_000),
    ]);
    return { relay, projector };
  }

  /** What the projector children reported, for a failure message: events per module, retries. */
  function activity(...runs: { projector: Child }[]): string {
    return runs
      .map(({ projector }, i) => {
        const per: Record<string, number> = {};
        for (const line of projector.lines) {
          const key =
            'batch' in line ? `${String(line['batch'])} events` : 'retry' in line ? `retry ${line['error']}` : '';
          if (key) per[key] = (per[key] ?? 0) + (Number(line['events']) || 1);
        }
        return `projector run ${i + 1}: ${JSON.stringify(per)} ${projector.stderr().slice(-500)}`;
      })
      .join('; ');
  }

  /** Newest position applied per `<module>:<hospital>`, for this run's hospitals. */
  async function projected(): Promise<Map<string, number>> {
    const docs = await readStore.collection(PROJECTOR_POSITIONS).find({ hospitalId: { $in: hospitals } });
    return new Map(docs.map((d) => [String(d['_id']), Number(d['position'])]));
  }
  const furthest = async () => Math.max(0, ...(await projected()).values());

  async function relayCheckpoint(): Promise<number> {
    const client = new pg.Client(urls.pg);
    await client.connect();
    try {
      const { rows } = await client.query<{ position: string }>(
        'SELECT position FROM relay_checkpoints WHERE name = $1',
        [`fault-${run}`],
      );
      return rows[0] ? Number(rows[0].position) : 0;
    } finally {
      await client.end();
    }
  }

  /** What the projector must reach: the newest position of each module's events per hospital. */
  async function heads(): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const event of await store.readAll()) {
      // The run's hospitals only: the placement stream's events travel as the 'platform' pseudo-hospital,
      // whose projector position is one document shared by every run on these servers.
      if (!hospitals.includes(String(event.metadata['hospitalId']))) continue;
      const key = `${event.type.slice(0, event.type.indexOf('.'))}:${String(event.metadata['hospitalId'])}`;
      out.set(key, Math.max(out.get(key) ?? 0, event.position));
    }
    return out;
  }

  async function dropRunState(): Promise<void> {
    const client = new pg.Client(urls.pg);
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
    await client.query('DELETE FROM relay_checkpoints WHERE name = $1', [`fault-${run}`]).catch(() => {});
    await client.end();
    const admin = new kafkajs.Kafka({ brokers: urls.kafka.split(','), logLevel: kafkajs.logLevel.NOTHING }).admin();
    await admin.connect();
    const topics = MODULES.flatMap((m) => Object.values(runTopics(topicPrefix, m)));
    await admin.deleteTopics({ topics, timeout: 10_000 }).catch(() => {});
    await admin.disconnect();
  }

  it('ends with every read-model document equal to a clean rebuild of the same events', async () => {
    expect(recorded.length, 'the workload is big enough').to.be.at.least(EXPECTED_EVENTS);
    const t0 = Date.now();
    const first = await startBoth();
    timings['children started (s)'] = (Date.now() - t0) / 1000;

    // Events keep arriving throughout: the first 40% at once, the rest at a steady pace, held at 70%
    // until the crash so that it always comes with the stream in full flow, however fast or slow
    // the shared servers are today.
    let crashed = false;
    const writeStarted = Date.now();
    const writing = writeInOrder(recorded, store, async (written) => {
      if (written < recorded.length * 0.4) return;
      while (!crashed && written >= recorded.length * 0.7) await sleep(50);
      const due = writeStarted + (written / WRITE_RATE) * 1000;
      if (due > Date.now()) await sleep(due - Date.now());
    });

    const killAt = Math.floor(recorded.length / 3);
    const total = async () => [...(await projected()).values()].reduce((a, b) => a + b, 0);
    const reachedThird = await pollWhileMoving(async () => (await furthest()) >= killAt, total);
    expect(reachedThird.done, `the projector reached ${killAt} (at ${await furthest()}; ${reachedThird.why})`).to.equal(
      true,
    );
    const killedRelay = await first.relay.kill('SIGKILL');
    const killedProjector = await first.projector.kill('SIGKILL');
    const projectedAtKill = await furthest();
    const checkpointAtKill = await relayCheckpoint();
    const headAtKill = await store.headPosition();
    timings['killed at (s)'] = (Date.now() - t0) / 1000;
    expect(killedRelay.signal).to.equal('SIGKILL');
    expect(killedProjector.signal).to.equal('SIGKILL');
    crashed = true;

    // Down for a moment while events go on being written, then both start again.
    await sleep(500);
    const second = await startBoth();
    timings['restarted at (s)'] = (Date.now() - t0) / 1000;

    await writing;
    timings['all events written at (s)'] = (Date.now() - t0) / 1000;
    const head = await store.headPosition();
    const expected = await heads();
    expect((await store.readAll()).length).to.equal(recorded.length);
    // The crash was mid-stream for both: neither had reached what was finally written.
    expect(projectedAtKill).to.be.below(head);
    expect(checkpointAtKill).to.be.below(head);

    const caughtUp = await pollWhileMoving(async () => {
      const reached = await projected();
      return [...expected].every(([key, position]) => reached.get(key) === position);
    }, total);
    expect(
      Object.fromEntries(await projected()),
      `caught up: ${caughtUp.done}${caughtUp.done ? '' : ` (${caughtUp.why})`}; ${activity(first, second)}`,
    ).to.deep.equal(Object.fromEntries(expected));
    expect(await pollUntil(async () => (await relayCheckpoint()) === head, 10_000)).to.equal(true);
    timings['caught up at (s)'] = (Date.now() - t0) / 1000;
    const parked = [...first.projector.lines, ...second.projector.lines].filter((l) => 'parked' in l);
    expect(parked, 'nothing was parked on a DLQ').to.deep.equal([]);

    const [relayExit, projectorExit] = await Promise.all([
      second.relay.kill('SIGTERM'),
      second.projector.kill('SIGTERM'),
    ]);
    expect(relayExit.code, second.relay.stderr()).to.equal(0);
    expect(projectorExit.code, second.projector.stderr()).to.equal(0);

    // The clean rebuild: the same events from the event store, through the same handlers, elsewhere.
    const clean = new MemoryReadStore();
    for (const module of MODULES) await rebuildModule({ store, readStore: clean, reveal: revealWith(keys) }, module);
    timings['rebuilt at (s)'] = (Date.now() - t0) / 1000;

    const views = MODULES.flatMap((m) => projections[m].views.map((v) => v.name));
    const differences = await compareViews(views, {
      live: { store: readStore, prefix: live },
      rebuilt: { store: clean, prefix: '' },
    });
    // The workload writes every view (swaps and insurance claims included since the generator
    // learnt them): an empty view would mean the comparison proved nothing for it.
    const empty = differences
      .filter((d) => d.documents.live === 0)
      .map((d) => d.view)
      .sort();
    expect(empty, 'views the workload left empty').to.deep.equal([]);
    for (const d of differences) {
      expect(d.onlyLive, `${d.view}: only in the live view`).to.deep.equal([]);
      expect(d.onlyRebuilt, `${d.view}: only in the rebuild`).to.deep.equal([]);
      expect(d.different.slice(0, 3), `${d.view}: documents that differ`).to.deep.equal([]);
    }
    const sizes = Object.fromEntries(differences.map((d) => [d.view, d.documents.live]));
    // The workload's shape: 3 wards of 8 beds per hospital, and everyone registered is summarised.
    expect(sizes['bed_board']).to.equal(hospitals.length * 24);
    expect(sizes['wards']).to.equal(hospitals.length * 3);
    expect(sizes['patient_summary']).to.equal(steps.filter((s) => s.command === 'register-patient').length);
    console.log(
      `      ${recorded.length} events (head ${head}); when killed: projector at ${projectedAtKill}, relay at ${checkpointAtKill}, store at ${headAtKill}`,
    );
    console.log(`      documents compared: ${JSON.stringify(sizes)}`);
    console.log(`      timings: ${JSON.stringify(timings)}`);
  });
});
