import { expect } from 'chai';
import { MongoClient } from 'mongodb';
import { requireService } from '../../testing/services.js';
import { readStoreContract } from '../contract.js';
import { ReadStoreUnavailable } from '../errors.js';
import { openMongoReadStore } from './store.js';

describe('MongoReadStore', () => {
  let url: string;
  // A database of its own per run: other engineers' tests share the server.
  const database = `contract_${process.pid}_${Date.now().toString(36)}`;

  before(function () {
    url = requireService(this, 'MONGODB_URL');
  });
  after(async () => {
    if (!url) return;
    const client = new MongoClient(url, { serverSelectionTimeoutMS: 2000 });
    await client.db(database).dropDatabase();
    await client.close();
  });

  readStoreContract(async () => openMongoReadStore(url, { database }));

  it('answers ReadStoreUnavailable within the selection timeout when no server listens', async () => {
    const store = await openMongoReadStore('mongodb://127.0.0.1:9/', { serverSelectionTimeoutMs: 300 });
    try {
      expect(await store.ping()).to.equal(false);
      const started = performance.now();
      const error = await store
        .collection('beds')
        .find({})
        .catch((e: unknown) => e);
      expect(error).to.be.instanceOf(ReadStoreUnavailable);
      expect(performance.now() - started).to.be.below(2000);
      expect(await store.listCollections().catch((e: unknown) => e)).to.be.instanceOf(ReadStoreUnavailable);
      expect(
        await store
          .collection('beds')
          .updateOne({ _id: 1 }, { $set: { a: 1 } }, { upsert: true })
          .catch((e: unknown) => e),
      ).to.be.instanceOf(ReadStoreUnavailable);
    } finally {
      await store.close();
    }
  });
});
