import { expect } from 'chai';
import { MemoryEventStore } from '../eventstore/memory/memory-event-store.js';
import { MasterKey } from './master-key.js';
import { createMemoryKeyStore } from './memory.js';
import { replayErasures } from './replay-erasures.js';

const event = (type: string, data: Record<string, string>) => ({
  eventId: `e-${Math.random()}`,
  type,
  data,
  metadata: { hospitalId: 'h1' },
});

describe('replaying erasures into a key store restored from an older backup', () => {
  it('deletes again the keys of every erased subject, and only theirs; a second run changes nothing', async () => {
    const store = new MemoryEventStore();
    await store.append('patient-h1.p1', [event('patients.PatientRegistered', { patientId: 'p1' })], 'no_stream');
    await store.append('patient-h1.p2', [event('patients.PatientRegistered', { patientId: 'p2' })], 'no_stream');
    await store.append('patient-h1.p1', [event('patients.PatientPersonalDataErased', { patientId: 'p1' })], 0);
    // The restored key store: both keys, as before the erasure.
    const keys = createMemoryKeyStore(MasterKey.generate());
    const p2Key = await keys.dataKeyFor('h1', { kind: 'patient', id: 'p2' });
    await keys.dataKeyFor('h1', { kind: 'patient', id: 'p1' });

    const result = await replayErasures(store, keys, { pageSize: 1 });
    expect(result.erasures).to.equal(1);
    expect(await keys.existingKey('h1', { kind: 'patient', id: 'p1' })).to.equal(null);
    expect(await keys.existingKey('h1', { kind: 'patient', id: 'p2' })).to.deep.equal(p2Key);
    expect((await replayErasures(store, keys)).erasures).to.equal(1);
    expect(await keys.existingKey('h1', { kind: 'patient', id: 'p2' })).to.deep.equal(p2Key);
  });
});
