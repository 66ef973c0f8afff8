import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Document,
  type Filter,
  MasterKey,
  MemoryReadStore,
  openSqliteKeyStore,
  type ReadCollection,
  type ReadStore,
  type RecordedEvent,
  SqliteEventStore,
  type Update,
  type UpdateResult,
} from '@chartline/infra';
import { Applier, type BatchProgress, decodeStored, projections, revealWith } from '@chartline/projections';
import { expect } from 'chai';
import { driveWorkload } from './generate/drive.js';
import { seededRandom } from './generate/prng.js';
import { generateWorkload } from './generate/workload.js';
import { startEmbedded } from './start/embedded.js';
import { devSecrets } from './start/secrets.js';

/**
 * Crash consistency of every projection. A projector applies a batch in memory and then writes its
 * documents one by one (BatchWrites); a kill -9 in the middle leaves any subset of them written,
 * across collections, and the batch is delivered again after the restart (its offset was never
 * committed). The views must end as if nothing had happened. That holds only if each handler's
 * write to a document depends on that document's own state and the event — never on another
 * document it read, which after such a crash may be ahead of or behind it. The pipeline fault test
 * found one such handler by luck after a real kill -9; this test looks for them on purpose, with
 * every module's events as the real deciders and process managers produce them.
 */
describe('projections: a crash mid-flush, then the batch again, ends as if nothing happened', function () {
  this.timeout(300_000);
  const dir = mkdtempSync(join(tmpdir(), 'chartline-crash-'));
  let events: RecordedEvent[] = [];
  let keys: ReturnType<typeof openSqliteKeyStore>;

  before(async () => {
    const chartline = await startEmbedded({ dataDir: dir, commandPort: 0, readPort: 0, log: () => undefined });
    try {
      const steps = generateWorkload({ hospitals: 1, days: 6, seed: 'crash', registrationsPerDay: 10 });
      const result = await driveWorkload(steps, {
        baseUrl: chartline.commandUrl,
        tokenFor: (role, hospitalId) => chartline.mint({ sub: `generator-${role}`, role, hospitals: [hospitalId] }),
        runId: 'crash-test',
      });
      expect(result.failures, 'the workload is valid').to.deep.equal([]);
      // What the generator does not send yet, so that its handlers are crashed too: a correction of
      // demographics, deaths (the process manager discharges the stay) and erasures (the
      // laboratory's process manager erases the patient's lab data).
      const patients = [...result.ids].filter(([name]) => /\/patient-\d+$/.test(name)).map(([, id]) => id);
      expect(patients.length, 'patients registered').to.be.greaterThan(12);
      const send = async (command: string, role: string, body: object) => {
        const res = await fetch(`${chartline.commandUrl}/hospitals/gen-1/patients/${command}`, {
          method: 'POST',
          headers: {
            Authorization: `Bearer ${await chartline.mint({ sub: `crash-${role}`, role, hospitals: ['gen-1'] })}`,
            'Content-Type': 'application/json',
            'Idempotency-Key': crypto.randomUUID(),
          },
          body: JSON.stringify(body),
        });
        expect(res.status, `${command}: ${await res.clone().text()}`).to.be.oneOf([200, 201]);
      };
      for (const patientId of patients.slice(0, 3)) {
        await send('update-demographics', 'front_desk', { patientId, familyName: 'Corrected' });
      }
      for (const patientId of patients.slice(-6, -3)) {
        await send('record-death', 'physician', { patientId, diedAt: new Date().toISOString() });
      }
      for (const patientId of [...patients.slice(-3), ...patients.slice(3, 9)]) {
        await send('erase-patient-personal-data', 'admin', { patientId, legalBasis: 'patient_request' });
      }
      // The process managers (charges, discharge on death) act after the commands: wait until the store is still.
      let head = -1;
      for (let still = 0; still < 3; ) {
        await new Promise((r) => setTimeout(r, 300));
        const now = await chartline.store.headPosition();
        still = now === head ? still + 1 : 0;
        head = now;
      }
    } finally {
      await chartline.stop();
    }
    const store = new SqliteEventStore({ path: join(dir, 'events.db') });
    events = await store.readAll();
    await store.close();
    keys = openSqliteKeyStore(join(dir, 'keys.db'), MasterKey.parse(devSecrets(dir).masterKey));
  });

  after(async () => {
    await keys?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  for (const module of Object.keys(projections)) {
    it(`${module}: any subset of a batch's writes lost, the batch delivered again`, async () => {
      const mine = events.filter((e) => e.type.startsWith(`${module}.`));
      expect(mine.length, `${module} has events in the workload`).to.be.greaterThan(0);
      const reference = await project(module, mine, keys, () => false);
      const prng = seededRandom(`crash-${module}`);
      const random = () => prng.next();
      for (let trial = 0; trial < TRIALS; trial++) {
        const crashed = await project(module, mine, keys, () => random() < CRASH_RATE, random);
        const differing = Object.keys(reference).filter(
          (name) => JSON.stringify(crashed[name]) !== JSON.stringify(reference[name]),
        );
        const first = differing[0];
        expect(
          first === undefined ? [] : firstDifference(reference[first] ?? [], crashed[first] ?? []),
          `trial ${trial}: ${first} differs from the run without a crash`,
        ).to.deep.equal([]);
      }
    });
  }
});

const TRIALS = 12;
const BATCH = 40;
/** The share of batches that crash while they are written. */
const CRASH_RATE = 0.3;

/**
 * Projects the events in batches as a live projector does; when `crashes()` says so, a batch's
 * writes land at random (a kill -9 mid-flush) and a new applier (the restarted process) applies the
 * same batch again. Returns every collection's documents.
 */
async function project(
  module: string,
  events: readonly RecordedEvent[],
  keys: ReturnType<typeof openSqliteKeyStore>,
  crashes: () => boolean,
  random: () => number = Math.random,
): Promise<Record<string, Document[]>> {
  const store = new LossyReadStore(new MemoryReadStore(), random);
  const projection = projections[module as keyof typeof projections];
  const applier = () =>
    new Applier(projection, { readStore: store, naming: { collection: (v) => v }, reveal: revealWith(keys) });
  let current = applier();
  await current.ensureIndexes();
  for (let start = 0; start < events.length; start += BATCH) {
    const batch = events.slice(start, start + BATCH).map(decodeStored);
    if (crashes()) {
      const progress: BatchProgress = new Map();
      // A write a handler makes in the batch (a query first writes out what the batch holds) was
      // acknowledged before the handler went on: it landed. The crash hits the final flush.
      for (const event of batch) await current.apply(event, progress);
      store.lossy = true;
      await current.commit(progress);
      store.lossy = false;
      current = applier();
    }
    const progress: BatchProgress = new Map();
    for (const event of batch) await current.apply(event, progress);
    await current.commit(progress);
  }
  const out: Record<string, Document[]> = {};
  for (const name of await store.listCollections()) {
    out[name] = await store.collection(name).find({}, { sort: { _id: 1 } });
  }
  return out;
}

/** The first document that differs, both ways: enough to see which handler and field. */
function firstDifference(expected: readonly Document[], actual: readonly Document[]) {
  const byId = new Map(actual.map((d) => [d._id, d]));
  for (const doc of expected) {
    const other = byId.get(doc._id);
    if (JSON.stringify(other) !== JSON.stringify(doc)) return [{ expected: doc, actual: other ?? null }];
  }
  const ids = new Set(expected.map((d) => d._id));
  const extra = actual.find((d) => !ids.has(d._id));
  return extra ? [{ expected: null, actual: extra }] : [];
}

/**
 * A read store whose writes, while `lossy`, each land or vanish at random but always report
 * success: what the read store holds after a kill -9 that interrupted the batch's flush (the
 * process is then gone, so what it believed does not matter — the test throws that applier away).
 * Any subset, across collections: if every handler writes a document from that document alone,
 * every subset ends right after the redelivery; a stricter model (only a window of concurrent
 * writes uncertain) would still be broken by a handler that breaks the rule, just more rarely.
 */
class LossyReadStore implements ReadStore {
  lossy = false;
  constructor(
    private readonly inner: MemoryReadStore,
    private readonly random: () => number,
  ) {}

  collection(name: string): ReadCollection {
    const inner = this.inner.collection(name);
    const lands = () => !this.lossy || this.random() < 0.5;
    const ok: UpdateResult = { matched: 1, modified: 1, upserted: false };
    return {
      name,
      find: (filter, options) => inner.find(filter, options),
      findOne: (filter) => inner.findOne(filter),
      count: (filter) => inner.count(filter),
      updateOne: async (filter: Filter, update: Update, options?: { upsert?: boolean }) =>
        lands() ? inner.updateOne(filter, update, options) : ok,
      updateMany: async (filter: Filter, update: Update) => (lands() ? inner.updateMany(filter, update) : ok),
      replaceOne: async (filter: Filter, document: Document, options?: { upsert?: boolean }) =>
        lands() ? inner.replaceOne(filter, document, options) : ok,
      insertOne: async (document: Document) => (lands() ? inner.insertOne(document) : true),
      deleteMany: async (filter: Filter) => (lands() ? inner.deleteMany(filter) : 0),
      createIndexes: (indexes) => inner.createIndexes(indexes),
    };
  }
  listCollections = () => this.inner.listCollections();
  dropCollection = (name: string) => this.inner.dropCollection(name);
  renameCollection = (from: string, to: string, options?: { dropTarget?: boolean }) =>
    this.inner.renameCollection(from, to, options);
  ping = () => this.inner.ping();
  close = () => this.inner.close();
}
