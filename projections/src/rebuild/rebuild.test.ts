import {
  createMemoryKeyStore,
  LruCache,
  MemoryEventStore,
  MemoryReadStore,
  type ReadCollection,
  type ReadStore,
  type RecordedEvent,
} from '@chartline/infra';
import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';
import { BED_BOARD, STAYS, WARDS } from '../admissions/index.js';
import { revealWith } from '../runtime/personal-data.js';
import { applyAll, snapshot } from '../testing/apply-all.js';
import { HospitalHistory } from '../testing/hospital-history.js';
import { type RebuildProgress, rebuildModule } from './rebuild.js';

const at = '2025-03-01T08:30:00.000Z';

describe('rebuild (blue/green)', () => {
  it('replays the event store into fresh collections, switches reads to them and drops the old ones', async () => {
    const store = new MemoryEventStore();
    const keys = createMemoryKeyStore();
    const events: RecordedEvent[] = [];
    for (const hospital of ['h1', 'h2']) {
      const history = new HospitalHistory(store, keys, hospital);
      for (let i = 0; i < 12; i++) {
        const bedId = uuidv7();
        events.push(
          await history.append('admissions.BedAdded', bedId, { bedId, wardId: 'w1', label: `${i}`, addedAt: at }),
        );
      }
      const patientId = uuidv7();
      await history.append('patients.PatientRegistered', patientId, {
        patientId,
        mrn: '00000018',
        givenName: 'Ada',
        familyName: 'Byron',
        birthDate: '1815-12-10',
        sex: 'female',
        nationalId: null,
        address: null,
        phone: null,
        registeredAt: at,
      });
    }
    const expected = new MemoryReadStore();
    await applyAll('admissions', events, { readStore: expected, keys });

    const readStore = new MemoryReadStore();
    // A stale live view, as a projection bug would have left it.
    await readStore
      .collection(BED_BOARD)
      .updateOne({ _id: 'h1:ghost' }, { $set: { status: 'free' } }, { upsert: true });
    const cache = new LruCache();
    const progress: RebuildProgress[] = [];
    const result = await rebuildModule(
      { store, readStore, reveal: revealWith(keys), cache, pageSize: 5, foldEvents: 5 },
      'admissions',
      (p) => progress.push(p),
    );

    expect(result.events).to.equal(24);
    const views = [BED_BOARD, STAYS, WARDS];
    const live = await snapshot(readStore, views);
    const clean = await snapshot(expected, views);
    expect(live).to.deep.equal(clean);
    expect(live[BED_BOARD]).to.have.length(24);
    const collections = await readStore.listCollections();
    expect(
      collections.filter((c) => c.includes('__')),
      'no fresh collection left behind',
    ).to.deep.equal([]);
    expect(progress.filter((p) => p.phase === 'replay').map((p) => p.events)).to.deep.equal([5, 10, 15, 20, 24]);
    expect(progress.at(-1)).to.include({ phase: 'done', events: 24 });
    expect(await cache.generation('h2', BED_BOARD)).to.equal(1);
    const position = await readStore.collection('projector_positions').findOne({ _id: 'admissions:h2' });
    expect(position?.['position']).to.equal(events.at(-1)!.position);
  });

  it('folds pages in memory and bulk-inserts into the fresh collections of a store that is not in memory', async () => {
    const store = new MemoryEventStore();
    const keys = createMemoryKeyStore();
    const events: RecordedEvent[] = [];
    const history = new HospitalHistory(store, keys, 'h1');
    const beds: string[] = [];
    for (let i = 0; i < 12; i++) {
      const bedId = uuidv7();
      beds.push(bedId);
      events.push(
        await history.append('admissions.BedAdded', bedId, { bedId, wardId: 'w1', label: `${i}`, addedAt: at }),
      );
    }
    // Changes to documents the first fold already wrote: replaced, not inserted again.
    for (const bedId of beds.slice(0, 6)) {
      events.push(await history.append('admissions.BedClosed', bedId, { bedId, reason: 'maintenance', closedAt: at }));
    }
    const expected = new MemoryReadStore();
    await applyAll('admissions', events, { readStore: expected, keys });

    const calls = { findOne: 0, insertMany: 0, insertOne: 0, replaceOne: 0 };
    const readStore = countingStore(new MemoryReadStore(), calls);
    const progress: RebuildProgress[] = [];
    const result = await rebuildModule(
      { store, readStore, reveal: revealWith(keys), pageSize: 4, foldEvents: 8 },
      'admissions',
      (p) => progress.push(p),
    );
    expect(result.events).to.equal(events.length);
    const views = [BED_BOARD, STAYS, WARDS];
    expect(await snapshot(readStore, views)).to.deep.equal(await snapshot(expected, views));
    expect(calls.insertMany, 'new documents in bulk').to.be.greaterThan(0);
    expect(calls.insertOne, 'never one by one').to.equal(0);
    expect(calls.replaceOne, 'documents of an earlier fold replaced').to.be.greaterThan(0);
    // 18 events in pages of 4: progress after every page read (the bar moves during a fold),
    // written every 8 events and at the end.
    expect(progress.filter((p) => p.phase === 'replay').map((p) => p.events)).to.deep.equal([4, 8, 12, 16, 18]);
  });
});

/** A store that is not the in-memory class (so the applier folds through its overlay) and counts writes. */
function countingStore(inner: MemoryReadStore, calls: Record<string, number>): ReadStore {
  return {
    collection(name: string): ReadCollection {
      const c = inner.collection(name);
      const counted =
        <K extends keyof ReadCollection>(key: K) =>
        // biome-ignore lint/suspicious/noExplicitAny: forwarding any method's arguments
        (...args: any[]) => {
          calls[key] = (calls[key] ?? 0) + 1;
          // biome-ignore lint/suspicious/noExplicitAny: forwarding any method's arguments
          return (c[key] as any).apply(c, args);
        };
      return {
        name,
        find: counted('find'),
        findOne: counted('findOne'),
        count: counted('count'),
        updateOne: counted('updateOne'),
        updateMany: counted('updateMany'),
        replaceOne: counted('replaceOne'),
        insertOne: counted('insertOne'),
        insertMany: counted('insertMany'),
        deleteMany: counted('deleteMany'),
        createIndexes: counted('createIndexes'),
      } as ReadCollection;
    },
    listCollections: () => inner.listCollections(),
    dropCollection: (n) => inner.dropCollection(n),
    renameCollection: (f, t, o) => inner.renameCollection(f, t, o),
    ping: () => inner.ping(),
    close: () => inner.close(),
  };
}
