import { expect } from 'chai';
import { validate, version } from 'uuid';
import { uuidv7 } from './uuid-v7.js';

describe('uuidv7 (random bytes pooled)', () => {
  it('makes valid, distinct version-7 ids across several refills of the pool', () => {
    const ids = Array.from({ length: 2000 }, () => uuidv7());
    for (const id of ids) {
      expect(validate(id), id).to.equal(true);
      expect(version(id), id).to.equal(7);
    }
    expect(new Set(ids).size).to.equal(ids.length);
    // The random tails differ too: no pooled bytes handed out twice.
    expect(new Set(ids.map((id) => id.slice(-12))).size).to.equal(ids.length);
  });

  it('sorts in the order made, within a millisecond too, and carries the time it was made', () => {
    const before = Date.now();
    const ids = Array.from({ length: 2000 }, () => uuidv7());
    const after = Date.now();
    expect([...ids].sort()).to.deep.equal(ids);
    const msecs = Number.parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16);
    expect(msecs).to.be.within(before, after + 1);
  });
});
