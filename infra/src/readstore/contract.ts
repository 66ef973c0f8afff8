import { expect } from 'chai';
import { ObjectId } from 'mongodb';
import { CollectionExists, CollectionNotFound, DuplicateKey, UnsupportedUpdate } from './errors.js';
import type { Document, ReadCollection, ReadStore, Update } from './port.js';

/**
 * The behaviour every ReadStore adapter must show: the subset of MongoDB the projections rely on.
 * Each test works in collections of its own, so the suites can share one server.
 */
export function readStoreContract(open: (ctx: Mocha.Context) => Promise<ReadStore>): void {
  describe('ReadStore contract', () => {
    let store: ReadStore;
    let n = 0;
    const fresh = () => `contract_${process.pid}_${Date.now().toString(36)}_${++n}`;
    const collection = () => store.collection(fresh());
    const all = (c: ReadCollection) => c.find({}, { sort: { _id: 1 } });
    const rejection = (p: Promise<unknown>) =>
      p.then(
        () => {
          throw new Error('expected a rejection');
        },
        (e: unknown) => e,
      );

    before(async function () {
      store = await open(this);
    });
    after(async () => {
      await store?.close();
    });

    it('answers ping', async () => {
      expect(await store.ping()).to.equal(true);
    });

    describe('upserts', () => {
      it('inserts on upsert, seeding the document from the equality fields of the filter', async () => {
        const c = collection();
        const result = await c.updateOne(
          { _id: 'bed-1', hospitalId: 'h1', 'location.ward': 'w1', revision: { $lt: 1 } },
          { $set: { revision: 1, status: 'free' }, $setOnInsert: { createdAt: new Date('2025-01-02T03:04:05Z') } },
          { upsert: true },
        );
        expect(result).to.deep.equal({ matched: 0, modified: 0, upserted: true });
        expect(await c.findOne({ _id: 'bed-1' })).to.deep.equal({
          _id: 'bed-1',
          hospitalId: 'h1',
          location: { ward: 'w1' },
          revision: 1,
          status: 'free',
          createdAt: new Date('2025-01-02T03:04:05Z'),
        });
      });

      it('applies $setOnInsert only when inserting', async () => {
        const c = collection();
        await c.updateOne({ _id: 'a' }, { $set: { n: 1 }, $setOnInsert: { first: 'yes' } }, { upsert: true });
        const again = await c.updateOne(
          { _id: 'a' },
          { $set: { n: 2 }, $setOnInsert: { first: 'no' } },
          { upsert: true },
        );
        expect(again).to.deep.equal({ matched: 1, modified: 1, upserted: false });
        expect(await c.findOne({ _id: 'a' })).to.deep.equal({ _id: 'a', n: 2, first: 'yes' });
      });

      it('is idempotent under a revision guard: applying an event twice leaves identical documents', async () => {
        const c = collection();
        const apply = (revision: number, status: string) =>
          c.updateOne(
            { _id: 'bed-7', revision: { $lt: revision } },
            { $set: { revision, status }, $push: { history: status }, $inc: { changes: 1 } },
            { upsert: true },
          );
        expect(await apply(1, 'free')).to.include({ upserted: true });
        expect(await apply(2, 'occupied')).to.include({ matched: 1, modified: 1 });
        const once = await all(c);
        // The replays match nothing; their insert loses to the existing _id and is not an error.
        expect(await apply(1, 'free')).to.deep.equal({ matched: 0, modified: 0, upserted: false });
        expect(await apply(2, 'occupied')).to.deep.equal({ matched: 0, modified: 0, upserted: false });
        expect(await all(c)).to.deep.equal(once);
        expect(once).to.deep.equal([
          { _id: 'bed-7', revision: 2, status: 'occupied', history: ['free', 'occupied'], changes: 2 },
        ]);
      });

      it('gives an _id to an upserted document whose filter has none', async () => {
        const c = collection();
        await c.updateOne({ mrn: 'M-1' }, { $set: { v: 1 } }, { upsert: true });
        const [document] = await all(c);
        expect(document?._id).to.be.instanceOf(ObjectId);
        expect(await c.findOne({ _id: document?._id })).to.deep.equal({ _id: document?._id, mrn: 'M-1', v: 1 });
      });

      it('does not upsert without the option', async () => {
        const c = collection();
        expect(await c.updateOne({ _id: 'x' }, { $set: { v: 1 } })).to.deep.equal({
          matched: 0,
          modified: 0,
          upserted: false,
        });
        expect(await c.count({})).to.equal(0);
      });
    });

    describe('update operators', () => {
      const cases: { name: string; before: Document; update: Update; after: Document }[] = [
        {
          name: '$set (dotted path)',
          before: { a: 1 },
          update: { $set: { 'b.c': 2, a: 3 } },
          after: { a: 3, b: { c: 2 } },
        },
        { name: '$unset', before: { a: 1, b: 2 }, update: { $unset: { a: '' } }, after: { b: 2 } },
        { name: '$inc', before: { a: 1 }, update: { $inc: { a: 2, fresh: 5 } }, after: { a: 3, fresh: 5 } },
        { name: '$push', before: { l: [1] }, update: { $push: { l: 2 } }, after: { l: [1, 2] } },
        {
          name: '$push $each',
          before: { l: [1] },
          update: { $push: { l: { $each: [2, 3] } } },
          after: { l: [1, 2, 3] },
        },
        { name: '$pull (value)', before: { l: [1, 2, 1] }, update: { $pull: { l: 1 } }, after: { l: [2] } },
        {
          name: '$pull (whole embedded document)',
          before: {
            stays: [
              { id: 'a', open: true },
              { id: 'b', open: false },
            ],
          },
          update: { $pull: { stays: { id: 'b', open: false } } },
          after: { stays: [{ id: 'a', open: true }] },
        },
        { name: '$addToSet', before: { l: ['x'] }, update: { $addToSet: { l: 'y' } }, after: { l: ['x', 'y'] } },
        {
          name: '$addToSet $each',
          before: { l: ['x'] },
          update: { $addToSet: { l: { $each: ['x', 'z'] } } },
          after: { l: ['x', 'z'] },
        },
        { name: '$max', before: { a: 5, b: 5 }, update: { $max: { a: 7, b: 1 } }, after: { a: 7, b: 5 } },
        { name: '$min', before: { a: 5, b: 5 }, update: { $min: { a: 7, b: 1 } }, after: { a: 5, b: 1 } },
        {
          name: '$max on dates',
          before: { at: new Date('2025-01-01T00:00:00Z') },
          update: { $max: { at: new Date('2025-06-01T00:00:00Z') } },
          after: { at: new Date('2025-06-01T00:00:00Z') },
        },
      ];
      for (const example of cases) {
        it(example.name, async () => {
          const c = collection();
          await c.replaceOne({ _id: 1 }, example.before, { upsert: true });
          expect(await c.updateOne({ _id: 1 }, example.update)).to.deep.equal({
            matched: 1,
            modified: 1,
            upserted: false,
          });
          expect(await c.findOne({ _id: 1 })).to.deep.equal({ _id: 1, ...example.after });
        });
      }

      it('reports an update that changes nothing as matched but not modified', async () => {
        const c = collection();
        await c.replaceOne({ _id: 1 }, { a: 1, b: 1, l: ['x'] }, { upsert: true });
        expect(await c.updateOne({ _id: 1 }, { $set: { a: 1 }, $addToSet: { l: 'x' }, $max: { b: 0 } })).to.deep.equal({
          matched: 1,
          modified: 0,
          upserted: false,
        });
      });

      it('refuses operators outside the port', async () => {
        const c = collection();
        await c.replaceOne({ _id: 1 }, { a: 1 }, { upsert: true });
        expect(await rejection(c.updateOne({ _id: 1 }, { $mul: { a: 2 } }))).to.be.instanceOf(UnsupportedUpdate);
        expect(await rejection(c.replaceOne({ _id: 1 }, { $set: { a: 2 } }))).to.be.instanceOf(UnsupportedUpdate);
        expect(await rejection(c.updateOne({ _id: 1 }, { $pull: { l: { $gte: 2 } } }))).to.be.instanceOf(
          UnsupportedUpdate,
        );
        expect(await c.findOne({ _id: 1 })).to.deep.equal({ _id: 1, a: 1 });
      });

      it('updateMany counts matched and modified', async () => {
        const c = collection();
        for (const [i, ward] of ['w1', 'w1', 'w2'].entries())
          await c.replaceOne({ _id: i }, { ward, n: i }, { upsert: true });
        await c.updateOne({ _id: 0 }, { $set: { closed: true } });
        expect(await c.updateMany({ ward: 'w1' }, { $set: { closed: true } })).to.deep.equal({
          matched: 2,
          modified: 1,
          upserted: false,
        });
        expect(await c.count({ closed: true })).to.equal(2);
      });
    });

    describe('replaceOne', () => {
      it('replaces the whole document and keeps its _id', async () => {
        const c = collection();
        await c.replaceOne({ _id: 'p' }, { a: 1, b: 2 }, { upsert: true });
        expect(await c.replaceOne({ _id: 'p' }, { c: 3 })).to.deep.equal({ matched: 1, modified: 1, upserted: false });
        expect(await c.findOne({ _id: 'p' })).to.deep.equal({ _id: 'p', c: 3 });
        expect(await c.replaceOne({ _id: 'q' }, { c: 3 })).to.deep.equal({ matched: 0, modified: 0, upserted: false });
      });

      // How a projector's batch writes a document it loaded: only if nobody moved it meanwhile.
      it('replaces only while a field still holds the value expected (compare-and-swap)', async () => {
        const c = collection();
        await c.replaceOne({ _id: 'bed' }, { position: 3, status: 'free' }, { upsert: true });
        const stale = await c.replaceOne({ _id: 'bed', position: 2 }, { position: 5, status: 'closed' });
        expect(stale).to.include({ matched: 0 });
        expect(await c.findOne({ _id: 'bed' })).to.deep.equal({ _id: 'bed', position: 3, status: 'free' });
        const fresh = await c.replaceOne({ _id: 'bed', position: 3 }, { position: 5, status: 'closed' });
        expect(fresh).to.include({ matched: 1 });
        expect(await c.findOne({ _id: 'bed' })).to.deep.equal({ _id: 'bed', position: 5, status: 'closed' });
        const absent = await c.replaceOne({ _id: 'bed', position: { $exists: false } }, { position: 9 });
        expect(absent).to.include({ matched: 0 });
      });

      // And how it writes one it found missing: insert if still absent, else leave it be.
      it('inserts with a $setOnInsert-only upsert when absent, and leaves a present document untouched', async () => {
        const c = collection();
        const document = { position: 2, status: 'free', history: ['free'], ward: { id: 'w1' } };
        expect(await c.updateOne({ _id: 'bed' }, { $setOnInsert: document }, { upsert: true })).to.include({
          upserted: true,
        });
        expect(await c.findOne({ _id: 'bed' })).to.deep.equal({ _id: 'bed', ...document });
        const again = await c.updateOne({ _id: 'bed' }, { $setOnInsert: { position: 1 } }, { upsert: true });
        expect(again).to.deep.equal({ matched: 1, modified: 0, upserted: false });
        expect(await c.findOne({ _id: 'bed' })).to.deep.equal({ _id: 'bed', ...document });
      });
    });

    describe('insertOne', () => {
      it('inserts a document whole, keeping nulls, empty arrays and empty objects', async () => {
        const c = collection();
        const document = { _id: 'p1', position: 3, address: null, allergies: [], deceased: null, meta: {}, name: 'x' };
        expect(await c.insertOne(document)).to.equal(true);
        expect(await c.findOne({ _id: 'p1' })).to.deep.equal(document);
      });

      it('refuses a second document with the same _id, leaving the first untouched', async () => {
        const c = collection();
        await c.insertOne({ _id: 'p1', position: 3, name: 'first' });
        expect(await c.insertOne({ _id: 'p1', position: 9, name: 'second' })).to.equal(false);
        expect(await c.findOne({ _id: 'p1' })).to.deep.equal({ _id: 'p1', position: 3, name: 'first' });
      });

      it('shares no object with the caller', async () => {
        const c = collection();
        const document = { _id: 'p1', tags: ['a'] };
        await c.insertOne(document);
        document.tags.push('b');
        expect(await c.findOne({ _id: 'p1' })).to.deep.equal({ _id: 'p1', tags: ['a'] });
      });
    });

    describe('insertMany', () => {
      it('inserts every document whole, keeping nulls, empty arrays and empty objects', async () => {
        const c = collection();
        const documents = [
          { _id: 'p1', position: 3, address: null, allergies: [], meta: {} },
          { _id: 'p2', position: 4, name: 'x' },
        ];
        await c.insertMany?.(documents);
        if (!c.insertMany) for (const d of documents) await c.insertOne(d);
        expect(await c.find({}, { sort: { _id: 1 } })).to.deep.equal(documents);
      });

      it('throws DuplicateKey for a document already there, leaving it untouched', async () => {
        const c = collection();
        if (!c.insertMany) return;
        await c.insertOne({ _id: 'p1', position: 3, name: 'first' });
        let thrown: unknown;
        await c.insertMany([{ _id: 'p1', position: 9, name: 'second' }]).catch((e: unknown) => {
          thrown = e;
        });
        expect(thrown).to.be.instanceOf(DuplicateKey);
        expect(await c.findOne({ _id: 'p1' })).to.deep.equal({ _id: 'p1', position: 3, name: 'first' });
      });
    });

    describe('queries', () => {
      let c: ReadCollection;
      beforeEach(async () => {
        c = collection();
        const beds = [
          { _id: 'b1', ward: 'w2', number: 3, status: 'free' },
          { _id: 'b2', ward: 'w1', number: 2, status: 'occupied', occupant: { stayId: 's1' } },
          { _id: 'b3', ward: 'w1', number: 1, status: 'free' },
          { _id: 'b4', ward: 'w2', number: 1, status: 'cleaning' },
        ];
        for (const bed of beds) await c.replaceOne({ _id: bed._id }, bed, { upsert: true });
      });

      it('sorts on several fields', async () => {
        const ids = (await c.find({}, { sort: { ward: 1, number: -1 } })).map((d) => d._id);
        expect(ids).to.deep.equal(['b2', 'b3', 'b1', 'b4']);
      });

      it('skips and limits after sorting', async () => {
        const ids = (await c.find({}, { sort: { _id: -1 }, skip: 1, limit: 2 })).map((d) => d._id);
        expect(ids).to.deep.equal(['b3', 'b2']);
      });

      it('projects included fields (with _id) and excluded fields', async () => {
        expect(await c.find({ _id: 'b2' }, { projection: { ward: 1, 'occupant.stayId': 1 } })).to.deep.equal([
          { _id: 'b2', ward: 'w1', occupant: { stayId: 's1' } },
        ]);
        expect(await c.find({ _id: 'b1' }, { projection: { _id: 0, status: 0 } })).to.deep.equal([
          { ward: 'w2', number: 3 },
        ]);
      });

      it('filters with operators and counts', async () => {
        expect(await c.count({ status: { $in: ['free', 'cleaning'] }, number: { $gte: 1, $lt: 3 } })).to.equal(2);
        expect(await c.count({ occupant: { $exists: true } })).to.equal(1);
        expect(await c.count({ 'occupant.stayId': 's1' })).to.equal(1);
        expect(await c.findOne({ ward: 'w9' })).to.equal(null);
      });

      it('deletes what matches and reports how many', async () => {
        expect(await c.deleteMany({ ward: 'w2' })).to.equal(2);
        expect((await all(c)).map((d) => d._id)).to.deep.equal(['b2', 'b3']);
      });
    });

    describe('copies', () => {
      it('shares no objects with the caller, in either direction', async () => {
        const c = collection();
        const history = ['admitted'];
        const at = new Date('2025-03-01T10:00:00Z');
        await c.updateOne({ _id: 's' }, { $set: { history, at } }, { upsert: true });
        history.push('mutated by the caller');
        at.setUTCFullYear(1999);
        const read = await c.findOne({ _id: 's' });
        expect(read).to.deep.equal({ _id: 's', history: ['admitted'], at: new Date('2025-03-01T10:00:00Z') });
        (read!.history as string[]).push('mutated by a reader');
        expect(await c.findOne({ _id: 's' })).to.deep.equal({
          _id: 's',
          history: ['admitted'],
          at: new Date('2025-03-01T10:00:00Z'),
        });
      });
    });

    describe('unique indexes', () => {
      let c: ReadCollection;
      beforeEach(async () => {
        c = collection();
        await c.createIndexes([
          { keys: { hospitalId: 1, mrn: 1 }, name: 'mrn_unique', unique: true },
          { keys: { name: 1 } },
        ]);
        await c.createIndexes([{ keys: { hospitalId: 1, mrn: 1 }, name: 'mrn_unique', unique: true }]);
        await c.updateOne({ _id: 'p1' }, { $set: { hospitalId: 'h1', mrn: 'MRN-0001' } }, { upsert: true });
        await c.updateOne({ _id: 'p2' }, { $set: { hospitalId: 'h1', mrn: 'MRN-0002' } }, { upsert: true });
      });

      it('allows the same key in another hospital', async () => {
        await c.updateOne({ _id: 'p3' }, { $set: { hospitalId: 'h2', mrn: 'MRN-0001' } }, { upsert: true });
        expect(await c.count({ mrn: 'MRN-0001' })).to.equal(2);
      });

      it('throws DuplicateKey, without the key value, for an update or a replace', async () => {
        const update = await rejection(c.updateOne({ _id: 'p2' }, { $set: { mrn: 'MRN-0001' } }));
        expect(update).to.be.instanceOf(DuplicateKey);
        expect((update as Error).message).not.to.contain('MRN-0001');
        const replace = await rejection(c.replaceOne({ _id: 'p2' }, { hospitalId: 'h1', mrn: 'MRN-0001' }));
        expect(replace).to.be.instanceOf(DuplicateKey);
        expect(await c.findOne({ _id: 'p2' })).to.deep.equal({ _id: 'p2', hospitalId: 'h1', mrn: 'MRN-0002' });
      });

      it('reports an upsert that loses on a unique key as matched 0, not as an error', async () => {
        const result = await c.updateOne(
          { _id: 'p9' },
          { $set: { hospitalId: 'h1', mrn: 'MRN-0001' } },
          { upsert: true },
        );
        expect(result).to.deep.equal({ matched: 0, modified: 0, upserted: false });
        expect(await c.count({})).to.equal(2);
      });

      it('refuses a unique index over documents that already clash', async () => {
        await c.updateMany({ hospitalId: 'h1' }, { $set: { name: 'same' } });
        expect(
          await rejection(
            c.createIndexes([{ keys: { hospitalId: 1, name: 1 }, name: 'same_name_unique', unique: true }]),
          ),
        ).to.be.instanceOf(DuplicateKey);
      });
    });

    describe('collections', () => {
      it('lists and drops collections', async () => {
        const name = fresh();
        await store.collection(name).updateOne({ _id: 1 }, { $set: { a: 1 } }, { upsert: true });
        expect(await store.listCollections()).to.include(name);
        await store.dropCollection(name);
        expect(await store.listCollections()).not.to.include(name);
        expect(await store.collection(name).count({})).to.equal(0);
        await store.dropCollection(name);
      });

      it('renames a collection with its documents and indexes, replacing the target only when asked', async () => {
        const green = fresh();
        const live = fresh();
        await store.collection(live).updateOne({ _id: 'old' }, { $set: { v: 0 } }, { upsert: true });
        await store.collection(green).createIndexes([{ keys: { mrn: 1 }, name: 'mrn_unique', unique: true }]);
        await store.collection(green).updateOne({ _id: 'new' }, { $set: { mrn: 'A' } }, { upsert: true });

        expect(await rejection(store.renameCollection(green, live))).to.be.instanceOf(CollectionExists);
        await store.renameCollection(green, live, { dropTarget: true });

        const names = await store.listCollections();
        expect(names).to.include(live);
        expect(names).not.to.include(green);
        expect(await all(store.collection(live))).to.deep.equal([{ _id: 'new', mrn: 'A' }]);
        await store.collection(live).updateOne({ _id: 'new2' }, { $set: { x: 1 } }, { upsert: true });
        const duplicate = await rejection(store.collection(live).updateOne({ _id: 'new2' }, { $set: { mrn: 'A' } }));
        expect(duplicate, 'the unique index moved with the collection').to.be.instanceOf(DuplicateKey);
        expect(await rejection(store.renameCollection(fresh(), fresh()))).to.be.instanceOf(CollectionNotFound);
      });

      it('renames with dropTarget onto a name that does not exist yet', async () => {
        const green = fresh();
        const live = fresh();
        await store.collection(green).updateOne({ _id: 1 }, { $set: { v: 1 } }, { upsert: true });
        await store.renameCollection(green, live, { dropTarget: true });
        expect(await all(store.collection(live))).to.deep.equal([{ _id: 1, v: 1 }]);
        expect(await store.listCollections()).not.to.include(green);
      });

      it('leaves the target untouched when the source of a dropTarget rename is missing', async () => {
        const live = fresh();
        await store.collection(live).updateOne({ _id: 1 }, { $set: { v: 1 } }, { upsert: true });
        const error = await rejection(store.renameCollection(fresh(), live, { dropTarget: true }));
        expect(error).to.be.instanceOf(CollectionNotFound);
        expect(await all(store.collection(live))).to.deep.equal([{ _id: 1, v: 1 }]);
        expect((await store.listCollections()).filter((name) => name.startsWith(live))).to.deep.equal([live]);
      });
    });
  });
}
