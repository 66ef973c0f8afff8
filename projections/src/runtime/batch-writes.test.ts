import { type Document, MemoryReadStore, type ReadStore } from '@chartline/infra';
import { expect } from 'chai';
import { BatchWrites } from './batch-writes.js';
import { applyOnce } from './guard.js';

/** The read store with a count of the writes that reach it. */
function counted(store: ReadStore): { store: ReadStore; writes: () => number } {
  let writes = 0;
  const write = <T>(done: Promise<T>): Promise<T> => {
    writes++;
    return done;
  };
  return {
    writes: () => writes,
    store: {
      ...store,
      listCollections: () => store.listCollections(),
      dropCollection: (name) => store.dropCollection(name),
      renameCollection: (from, to, options) => store.renameCollection(from, to, options),
      ping: () => store.ping(),
      close: () => store.close(),
      collection(name) {
        const c = store.collection(name);
        return {
          name,
          find: (f, o) => c.find(f, o),
          findOne: (f) => c.findOne(f),
          count: (f) => c.count(f),
          updateOne: (f, u, o) => write(c.updateOne(f, u, o)),
          updateMany: (f, u) => write(c.updateMany(f, u)),
          replaceOne: (f, d, o) => write(c.replaceOne(f, d, o)),
          insertOne: (d) => write(c.insertOne(d)),
          deleteMany: (f) => write(c.deleteMany(f)),
          createIndexes: (i) => c.createIndexes(i),
        };
      },
    },
  };
}

const status = (id: string, position: number, value: string) => (writes: BatchWrites | ReadStore) =>
  applyOnce(writes.collection('beds'), id, position, { $set: { status: value }, $push: { history: value } });

describe('batch writes (one write per document per batch)', () => {
  it('lets a handler read what the same batch wrote before, and writes the store only at flush', async () => {
    const store = new MemoryReadStore();
    const batch = new BatchWrites(store);
    await status('b1', 1, 'free')(batch);
    await status('b1', 2, 'occupied')(batch);
    expect(await batch.collection('beds').findOne({ _id: 'b1' })).to.include({ status: 'occupied', position: 2 });
    expect(await store.collection('beds').findOne({ _id: 'b1' }), 'nothing written before the flush').to.equal(null);
    await batch.flush();
    expect(await store.collection('beds').findOne({ _id: 'b1' })).to.deep.equal({
      _id: 'b1',
      status: 'occupied',
      history: ['free', 'occupied'],
      position: 2,
    });
  });

  it('writes each changed document once, and a replayed batch not at all, leaving identical documents', async () => {
    const { store, writes } = counted(new MemoryReadStore());
    const events = [status('b1', 1, 'free'), status('b2', 2, 'free'), status('b1', 3, 'reserved')];
    const once = new BatchWrites(store);
    for (const apply of events) await apply(once);
    await once.flush();
    expect(writes(), 'b1 and b2, once each').to.equal(2);
    const before = await store.collection('beds').find({}, { sort: { _id: 1 } });

    const again = new BatchWrites(store);
    for (const apply of events) await apply(again);
    await again.flush();
    expect(writes(), 'a replay changes nothing, so writes nothing').to.equal(2);
    expect(await store.collection('beds').find({}, { sort: { _id: 1 } })).to.deep.equal(before);
  });

  it('falls back to the guarded writes when another writer moved the document meanwhile', async () => {
    const store = new MemoryReadStore();
    await status('b1', 1, 'free')(store);
    const batch = new BatchWrites(store);
    await status('b1', 2, 'reserved')(batch);
    await status('b1', 4, 'occupied')(batch);
    // A consumer that lost the partition (or a rebuild's catch-up) writes event 3 in between.
    await status('b1', 3, 'closed')(store);
    await batch.flush();

    const sequential = new MemoryReadStore();
    for (const apply of [status('b1', 1, 'free'), status('b1', 3, 'closed'), status('b1', 2, 'reserved')])
      await apply(sequential);
    await status('b1', 4, 'occupied')(sequential);
    const expected = await sequential.collection('beds').findOne({ _id: 'b1' });
    expect(await store.collection('beds').findOne({ _id: 'b1' })).to.deep.equal(expected);
    expect(expected).to.include({ position: 4, status: 'occupied' });
    expect((expected as Document)['history']).to.deep.equal(['free', 'closed', 'occupied']);
  });

  it('does not overwrite a document another writer created after the batch found none', async () => {
    const store = new MemoryReadStore();
    const batch = new BatchWrites(store);
    await status('b1', 2, 'free')(batch);
    await status('b1', 5, 'closed')(store);
    await batch.flush();
    expect(await store.collection('beds').findOne({ _id: 'b1' })).to.deep.equal({
      _id: 'b1',
      status: 'closed',
      history: ['closed'],
      position: 5,
    });
  });

  it('writes the batch out before a query it cannot answer from memory, which then sees it', async () => {
    const store = new MemoryReadStore();
    const batch = new BatchWrites(store);
    await status('b1', 1, 'free')(batch);
    await status('b2', 2, 'free')(batch);
    expect(await batch.collection('beds').count({ status: 'free' })).to.equal(2);
    await status('b1', 3, 'closed')(batch);
    expect(await batch.collection('beds').findOne({ _id: 'b1' })).to.include({ status: 'closed' });
    await batch.flush();
    expect(await store.collection('beds').findOne({ _id: 'b1' })).to.include({ status: 'closed', position: 3 });
  });

  it('answers a query from the store overlaid with the batch’s own documents, writing nothing out', async () => {
    const memory = new MemoryReadStore();
    await memory.collection('beds').insertOne({ _id: 'b0', status: 'free', position: 1 });
    await memory.collection('beds').insertOne({ _id: 'b1', status: 'free', position: 2 });
    const { store, writes } = counted(memory);
    const batch = new BatchWrites(store);
    await status('b1', 3, 'closed')(batch);
    await status('b2', 4, 'free')(batch);
    const free = await batch.collection('beds').find({ status: 'free' });
    expect(free.map((d) => d._id).sort()).to.deep.equal(['b0', 'b2']);
    expect(writes(), 'the query wrote nothing to the store').to.equal(0);
    await batch.flush();
    expect(await memory.collection('beds').count({ status: 'free' })).to.equal(2);
  });

  it('keeps a write another hospital’s handler makes while a query of the batch runs (they run side by side)', async () => {
    // Hospital B's handler loads its document (a slow round trip) while hospital A's handler queries
    // the same view: the query must not throw away B's document between its load and its write.
    const memory = new MemoryReadStore();
    await memory.collection('tests').insertOne({ _id: 'B:t1', hospitalId: 'B', patientId: 'p2', position: 1 });
    await memory.collection('tests').insertOne({ _id: 'A:t1', hospitalId: 'A', patientId: 'p1', position: 1 });
    const slowLoads: ReadStore = {
      ...memory,
      listCollections: () => memory.listCollections(),
      dropCollection: (name) => memory.dropCollection(name),
      renameCollection: (from, to, options) => memory.renameCollection(from, to, options),
      ping: () => memory.ping(),
      close: () => memory.close(),
      collection(name) {
        const c = memory.collection(name);
        return Object.assign(Object.create(c) as typeof c, {
          name,
          findOne: async (f: Parameters<typeof c.findOne>[0]) => {
            await new Promise((resolve) => setTimeout(resolve, 20));
            return c.findOne(f);
          },
        });
      },
    };
    const batch = new BatchWrites(slowLoads);
    const tests = batch.collection('tests');
    await Promise.all([
      applyOnce(tests, 'B:t1', 2, { $set: { result: 'K 6.9' } }),
      tests.find({ hospitalId: 'A', patientId: 'p1' }),
    ]);
    await batch.flush();
    expect(await memory.collection('tests').findOne({ _id: 'B:t1' })).to.include({ result: 'K 6.9', position: 2 });
  });
});
