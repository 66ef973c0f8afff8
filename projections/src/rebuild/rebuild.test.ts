import {
  createMemoryKeyStore,
  LruCache,
  MemoryEventStore,
  MemoryReadStore,
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
      { store, readStore, reveal: revealWith(keys), cache, pageSize: 5 },
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
});
