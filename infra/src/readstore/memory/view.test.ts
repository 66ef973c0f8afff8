import { expect } from 'chai';
import type { Document, Filter, Update } from '../port.js';
import type { MemoryCollection } from './collection.js';
import { isSealed } from './copy.js';
import { MemoryReadStore } from './store.js';

const beds = () => new MemoryReadStore().collection('beds') as MemoryCollection;

/** The position guard's shape (as the projection runtime writes), for `updateOneIf`. */
const guard = (id: string, position: number): Filter => ({
  _id: id,
  $or: [{ position: { $lt: position } }, { position: { $exists: false } }],
});
const guardTest = (position: number) => (stored: Readonly<Document>) => {
  const at = stored['position'];
  if (at === undefined) return true;
  return typeof at === 'number' ? at < position : undefined;
};

describe('memory read store: documents lent frozen (view) and written without copying what is shared', () => {
  it('lends the stored document frozen all the way down: writing to it throws and changes nothing', async () => {
    const c = beds();
    await c.updateOne(
      { _id: 'b1' },
      { $set: { ward: 'w1', occupant: { stayId: 's1', flags: ['fall-risk'] } }, $push: { history: 'free' } },
      { upsert: true },
    );
    const view = c.view('b1')!;
    expect(Object.isFrozen(view)).to.equal(true);
    // Reflect.set: what an assignment does, told as false here (it throws in strict code, which
    // the services run as; mocha loads these tests as sloppy CommonJS, where it is silently ignored).
    expect(Reflect.set(view, 'ward', 'w9')).to.equal(false);
    expect(Reflect.set(view['occupant'] as Document, 'stayId', 's9')).to.equal(false);
    expect(Reflect.deleteProperty(view, 'ward')).to.equal(false);
    expect(() => (view['history'] as string[]).push('mutated')).to.throw(TypeError);
    expect(() => ((view['occupant'] as Document)['flags'] as string[]).push('mutated')).to.throw(TypeError);
    expect(await c.findOne({ _id: 'b1' })).to.deep.equal({
      _id: 'b1',
      ward: 'w1',
      occupant: { stayId: 's1', flags: ['fall-risk'] },
      history: ['free'],
    });
    expect(c.view('missing')).to.equal(null);
  });

  it('still hands every other reader a copy it may change', async () => {
    const c = beds();
    await c.insertOne({ _id: 'b1', occupant: { stayId: 's1' }, history: ['free'] });
    const read = (await c.findOne({ _id: 'b1' }))!;
    const [found] = await c.find({ _id: 'b1' });
    expect(Object.isFrozen(read)).to.equal(false);
    (read['occupant'] as Document)['stayId'] = 'by findOne';
    (found!['history'] as string[]).push('by find');
    expect(c.view('b1')).to.deep.equal({ _id: 'b1', occupant: { stayId: 's1' }, history: ['free'] });
  });

  it('copies a document holding a Date, whose contents freezing would not protect', async () => {
    const c = beds();
    await c.insertOne({ _id: 'b1', at: new Date('2025-03-01T10:00:00Z') });
    const view = c.view('b1')!;
    expect(Object.isFrozen(view)).to.equal(false);
    (view['at'] as Date).setUTCFullYear(1999);
    expect((await c.findOne({ _id: 'b1' }))!['at']).to.deep.equal(new Date('2025-03-01T10:00:00Z'));
  });

  it('shares what a write did not change with the previous version, and keeps a frozen value written back as it is', async () => {
    const c = beds();
    await c.insertOne({ _id: 'b1', occupant: { stayId: 's1' }, history: ['free'] });
    const before = c.view('b1')!;
    await c.updateOne({ _id: 'b1' }, { $set: { ward: 'w2' } });
    const after = c.view('b1')!;
    expect(after).to.not.equal(before);
    expect(after['occupant'], 'unchanged embedded document shared').to.equal(before['occupant']);
    expect(before, 'the previous version is untouched').to.deep.equal({
      _id: 'b1',
      occupant: { stayId: 's1' },
      history: ['free'],
    });
    // A handler writing back part of what it read: kept, not copied, and still frozen.
    await c.updateOne({ _id: 'b2' }, { $set: { previous: after['occupant'] } }, { upsert: true });
    expect(c.view('b2')!['previous']).to.equal(after['occupant']);
    expect(isSealed(c.view('b2')!['previous'])).to.equal(true);
  });

  it('never stores a value the caller still holds, through any write', async () => {
    const c = beds();
    const occupant = { stayId: 's1', flags: ['a'] };
    const history = ['free'];
    await c.updateOne({ _id: 'b1' }, { $set: { occupant }, $push: { history } }, { upsert: true });
    const document = { _id: 'b2', occupant: { stayId: 's2' } };
    await c.insertOne(document);
    const replacement = { occupant: { stayId: 's3' } };
    await c.replaceOne({ _id: 'b3' }, replacement, { upsert: true });
    occupant.flags.push('mutated');
    history.push('mutated');
    document.occupant.stayId = 'mutated';
    replacement.occupant.stayId = 'mutated';
    expect(c.view('b1')).to.deep.equal({ _id: 'b1', occupant: { stayId: 's1', flags: ['a'] }, history: [['free']] });
    expect(c.view('b2')).to.deep.equal({ _id: 'b2', occupant: { stayId: 's2' } });
    expect(c.view('b3')).to.deep.equal({ _id: 'b3', occupant: { stayId: 's3' } });
  });

  describe('updateOneIf answers as updateOne with the whole filter', () => {
    const cases: [string, Document | undefined, number, Update, boolean][] = [
      ['nothing there, upsert', undefined, 5, { $set: { a: 1, position: 5 } }, true],
      ['nothing there, no upsert', undefined, 5, { $set: { a: 1, position: 5 } }, false],
      ['older position', { _id: 'x', a: 0, position: 3 }, 5, { $set: { a: 1, position: 5 } }, true],
      ['same position (a replay)', { _id: 'x', a: 0, position: 5 }, 5, { $set: { a: 1, position: 5 } }, true],
      ['newer position', { _id: 'x', a: 0, position: 9 }, 5, { $set: { a: 1, position: 5 } }, true],
      ['no position yet', { _id: 'x', a: 0 }, 5, { $set: { a: 1, position: 5 }, $push: { h: 'x' } }, true],
      [
        'a position the test cannot judge (the filter decides)',
        { _id: 'x', position: [1, 9] },
        5,
        { $set: { a: 1 } },
        true,
      ],
      ['a position of null', { _id: 'x', position: null }, 5, { $set: { a: 1, position: 5 } }, true],
      ['nothing changes', { _id: 'x', a: 1, position: 3 }, 5, { $set: { a: 1, position: 3 } }, true],
    ];
    for (const [name, stored, position, update, upsert] of cases) {
      it(name, async () => {
        const viaFilter = beds();
        const viaTest = beds();
        if (stored) {
          await viaFilter.insertOne(stored);
          await viaTest.insertOne(stored);
        }
        const expected = await viaFilter.updateOne(guard('x', position), update, { upsert });
        const result = viaTest.updateOneIf('x', guardTest(position), () => guard('x', position), update, { upsert });
        expect(result).to.deep.equal(expected);
        expect(await viaTest.find({})).to.deep.equal(await viaFilter.find({}));
      });
    }
  });

  describe('updateOneIf with stamps answers as updateOne with the stamps merged into $set', () => {
    const first = { hospitalId: 'h1' };
    const cases: [string, Document | undefined, Update, Document, boolean][] = [
      ['a new document: fields in the merged order', undefined, { $set: { a: 1, b: { c: 2 } } }, { position: 5 }, true],
      ['a new document, no upsert', undefined, { $set: { a: 1 } }, { position: 5 }, false],
      ['stamps alone (a handler with nothing to $set)', undefined, {}, { revision: 2, position: 5 }, true],
      [
        'an update of some fields, a new one added last',
        { _id: 'x', hospitalId: 'h1', a: 0, b: 1, position: 3 },
        { $set: { b: 1, a: 1, z: 'new' } },
        { revision: 4, position: 5 },
        true,
      ],
      [
        'a replay changes nothing',
        { _id: 'x', hospitalId: 'h1', a: 0, position: 5 },
        { $set: { a: 1 } },
        { position: 5 },
        true,
      ],
      [
        'nothing but the stamps changes',
        { _id: 'x', hospitalId: 'h1', a: 1, position: 3 },
        { $set: { a: 1 } },
        { position: 5 },
        true,
      ],
      [
        'a handler field a stamp also writes (the merge decides)',
        { _id: 'x', hospitalId: 'h1', position: 3, revision: 1 },
        { $set: { hospitalId: 'h2', revision: 9 } },
        { revision: 2, position: 5 },
        true,
      ],
      [
        'a dotted path and a $push beside the $set',
        { _id: 'x', hospitalId: 'h1', stage: { at: 1 }, history: ['a'], position: 3 },
        { $set: { 'stage.at': 2 }, $push: { history: 'b' } },
        { position: 5 },
        true,
      ],
      [
        'nothing changes at all (no position written)',
        { _id: 'x', hospitalId: 'h1', a: 1, revision: 1 },
        { $set: { a: 1 } },
        { revision: 1 },
        true,
      ],
      ['$inc alone', { _id: 'x', hospitalId: 'h1', n: 1, position: 3 }, { $inc: { n: 2 } }, { position: 5 }, true],
      [
        '$setOnInsert on an insert',
        undefined,
        { $set: { a: 1 }, $setOnInsert: { createdAt: 't' } },
        { position: 5 },
        true,
      ],
      [
        'a value written as it is later changed by the caller',
        undefined,
        { $set: { list: [1] } },
        { position: 5 },
        true,
      ],
    ];
    for (const [name, stored, update, last, upsert] of cases) {
      it(name, async () => {
        const viaMerge = beds();
        const viaStamps = beds();
        if (stored) {
          await viaMerge.insertOne(stored);
          await viaStamps.insertOne(stored);
        }
        const position = (last['position'] as number | undefined) ?? 5;
        const merged: Update = { ...update, $set: { ...first, ...update.$set, ...last } };
        const expected = await viaMerge.updateOne(guard('x', position), merged, { upsert });
        const result = viaStamps.updateOneIf('x', guardTest(position), () => guard('x', position), update, {
          upsert,
          first,
          last,
        });
        expect(result).to.deep.equal(expected);
        // Field order too (a new document's fields come in the merged $set's order).
        expect(JSON.stringify(await viaStamps.find({}))).to.equal(JSON.stringify(await viaMerge.find({})));
        const list = (update.$set as Document | undefined)?.['list'] as number[] | undefined;
        if (list) {
          list.push(2);
          expect(viaStamps.view('x')!['list']).to.deep.equal([1]);
        }
      });
    }

    it('refuses an update with no operator and no stamps, as updateOne does', async () => {
      const c = beds();
      expect(() => c.updateOneIf('x', guardTest(5), () => guard('x', 5), {}, { upsert: true })).to.throw(
        /at least one operator/,
      );
    });
  });
});
