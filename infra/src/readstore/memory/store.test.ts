import { expect } from 'chai';
import { readStoreContract } from '../contract.js';
import { DuplicateKey } from '../errors.js';
import { MemoryReadStore } from './store.js';

describe('MemoryReadStore', () => {
  readStoreContract(async () => new MemoryReadStore());
});

describe('MemoryReadStore unique indexes', () => {
  it('names the index a duplicate hits', async () => {
    const store = new MemoryReadStore();
    const patients = store.collection('patients');
    await patients.createIndexes([{ keys: { hospitalId: 1, mrn: 1 }, name: 'mrn_unique', unique: true }]);
    await patients.replaceOne({ _id: 'p1' }, { hospitalId: 'h', mrn: 'M1' }, { upsert: true });
    await patients.replaceOne({ _id: 'p2' }, { hospitalId: 'h', mrn: 'M2' }, { upsert: true });
    const error = await patients.updateOne({ _id: 'p2' }, { $set: { mrn: 'M1' } }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(DuplicateKey);
    expect(error).to.include({ collection: 'patients', index: 'mrn_unique' });
  });
});
