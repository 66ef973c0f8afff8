import { expect } from 'chai';
import { MemoryReadStore } from './memory/store.js';
import { MongoReadStore } from './mongo/store.js';
import { openReadStore } from './open.js';

describe('openReadStore', () => {
  it('chooses MongoDB for a URL (connecting lazily), the in-memory store otherwise', async () => {
    expect(await openReadStore(undefined)).to.be.instanceOf(MemoryReadStore);
    const mongo = await openReadStore('mongodb://127.0.0.1:9/chartline_x');
    expect(mongo).to.be.instanceOf(MongoReadStore);
    expect((mongo as MongoReadStore).db.databaseName).to.equal('chartline_x');
    await mongo.close();
  });
});
