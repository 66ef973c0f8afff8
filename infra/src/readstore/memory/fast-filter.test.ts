import { expect } from 'chai';
import { Query } from 'mingo';
import { update as mingoUpdate } from 'mingo/updater';
import type { Document, Filter, Update } from '../port.js';
import { deepCopy } from './copy.js';
import { compileFilter, pinnedId } from './fast-filter.js';
import { fastSet } from './fast-update.js';

const documents: Document[] = [
  { _id: 'a' },
  { _id: 'b', position: 3 },
  { _id: 'c', position: 7, status: 'open' },
  { _id: 'd', position: null, status: null },
  { _id: 'e', position: '5', status: 'closed' },
  { _id: 'f', position: [1, 9], status: ['open', 'closed'] },
  { _id: 'g', position: { at: 1 }, status: { s: 'open' } },
  { _id: 'h', position: true, flag: false },
  { _id: 'i', position: 5, flag: true, ward: 'w1' },
];

const filters: Filter[] = [
  { _id: 'c' },
  { _id: 'zz' },
  { _id: 'c', $or: [{ position: { $lt: 8 } }, { position: { $exists: false } }] },
  { _id: 'c', $or: [{ position: { $lt: 7 } }, { position: { $exists: false } }] },
  { $or: [{ position: { $lt: 6 } }, { position: { $exists: false } }] },
  { position: { $lte: 5 } },
  { position: { $gt: 3, $lt: 10 } },
  { position: { $gte: 5 } },
  { status: 'open' },
  { status: null },
  { status: { $eq: 'closed' } },
  { position: { $exists: true } },
  { flag: false },
  { flag: true, ward: 'w1' },
  { $and: [{ position: { $gt: 0 } }, { status: 'open' }] },
  // Shapes the short cut leaves to mingo.
  { status: { $in: ['open'] } },
  { position: { $lt: '6' } },
  { 'position.at': 1 },
  { status: { $ne: 'open' } },
];

describe('memory read store: filters tested natively match as mingo matches', () => {
  for (const filter of filters) {
    it(JSON.stringify(filter), () => {
      const query = new Query(filter, {});
      const test = compileFilter(filter);
      const expected = documents.filter((d) => query.test(d)).map((d) => d._id);
      expect(documents.filter((d) => test(d)).map((d) => d._id)).to.deep.equal(expected);
    });
  }

  it('pins only a plain string or number _id', () => {
    expect(pinnedId({ _id: 'x', position: 1 })).to.equal('x');
    expect(pinnedId({ _id: 4 })).to.equal(4);
    expect(pinnedId({ _id: { $in: ['x'] } })).to.equal(undefined);
    expect(pinnedId({ position: 1 })).to.equal(undefined);
  });
});

describe('memory read store: $set, $push and $inc applied natively change what mingo changes', () => {
  const stored: Document = {
    _id: 'x',
    a: 1,
    list: [1, 2],
    nested: { k: 'v', deeper: { n: 1 } },
    gone: null,
    at: new Date('2026-01-01T00:00:00Z'),
    word: 'w',
  };
  const updates: Update[] = [
    { $set: { a: 1 } },
    { $set: { a: 2 } },
    { $set: { b: 'new', a: 1 } },
    { $set: { list: [1, 2] } },
    { $set: { list: [2, 1] } },
    { $set: { nested: { k: 'v' } } },
    { $set: { nested: { k: 'w' } } },
    { $set: { gone: null } },
    { $set: { missing: null } },
    { $set: { a: 3 }, $setOnInsert: { created: true } },
    { $set: { 'nested.k': 'v' } },
    { $set: { 'nested.k': 'w', 'nested.deeper.n': 2 } },
    { $set: { 'nested.added': [1] } },
    { $set: { 'fresh.path.here': 1 } },
    { $set: { at: new Date('2026-01-01T00:00:00Z') } },
    { $set: { at: new Date('2026-01-02T00:00:00Z') } },
    { $push: { list: 3 } },
    { $push: { newList: { k: 1 } }, $set: { a: 1 } },
    { $push: { 'nested.items': 'x' } },
    { $set: { b: 2, a: 1 }, $push: { list: [9] } },
    { $inc: { a: 2 } },
    { $inc: { a: -1.5, fresh: 5 } },
    { $inc: { a: 0 } },
    { $inc: { fresh: 0 } },
    { $inc: { 'nested.deeper.n': 1, 'nested.count': 2 } },
    { $inc: { 'new.path': 3 } },
    { $set: { word: 'v', a: 1 }, $inc: { total: 7 } },
    { $set: { a: 1 }, $inc: { b: 0 } },
  ];
  for (const update of updates) {
    it(JSON.stringify(update), () => {
      const viaMingo = deepCopy(stored);
      const { $setOnInsert: _, ...rest } = update;
      const changed = mingoUpdate(viaMingo, deepCopy(rest));
      const fast = fastSet(stored, update);
      if (changed.length === 0) expect(fast).to.equal(null);
      else expect(fast).to.deep.equal(viaMingo);
    });
  }

  it('leaves other operators, paths through scalars or arrays, overlapping paths, $each and _id to mingo', () => {
    expect(fastSet(stored, { $inc: { word: 1 } })).to.equal(undefined);
    expect(fastSet(stored, { $inc: { gone: 1 } })).to.equal(undefined);
    expect(fastSet(stored, { $inc: { a: '1' } as unknown as Record<string, number> })).to.equal(undefined);
    expect(fastSet(stored, { $inc: { a: 1 }, $set: { a: 2 } })).to.equal(undefined);
    expect(fastSet(stored, { $max: { a: 1 } })).to.equal(undefined);
    expect(fastSet(stored, { $set: { 'word.k': 'w' } })).to.equal(undefined);
    expect(fastSet(stored, { $set: { 'gone.k': 'w' } })).to.equal(undefined);
    expect(fastSet(stored, { $set: { 'list.0': 5 } })).to.equal(undefined);
    expect(fastSet(stored, { $set: { nested: {}, 'nested.k': 1 } })).to.equal(undefined);
    expect(fastSet(stored, { $push: { word: 1 } })).to.equal(undefined);
    expect(fastSet(stored, { $push: { list: { $each: [3, 4] } } })).to.equal(undefined);
    expect(fastSet(stored, { $set: { _id: 'x' } })).to.equal(undefined);
    expect(fastSet(stored, { $set: { a: 1 }, $addToSet: { list: 3 } })).to.equal(undefined);
  });

  it('leaves the stored document and its embedded documents as they were', () => {
    const before = deepCopy(stored);
    fastSet(stored, { $set: { 'nested.deeper.n': 5, a: 9 }, $push: { list: 4 } });
    expect(stored).to.deep.equal(before);
  });

  it('never shares a written value with the caller', () => {
    const value = { k: 'changed' };
    const next = fastSet(stored, { $set: { nested: value } });
    value.k = 'mutated';
    expect(next?.['nested']).to.deep.equal({ k: 'changed' });
  });
});
