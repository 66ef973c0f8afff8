import { expect } from 'chai';
import { blindIndexer } from './blind-index.js';
import { commandIdFrom, idempotencyScope } from './request-context.js';

/**
 * A command's id names its durable record and every event's causationId: a retry must get the same
 * id from the same key for as long as records are kept, so these values are fixed (taken from the
 * code of 66fb639, before the namespace was parsed once).
 */
describe('request context: ids that must not change', () => {
  it('derives the same command id from the same caller, hospital and Idempotency-Key as before', () => {
    const scope = idempotencyScope('h1', 'nurse-7');
    expect(scope).to.equal('h1:-6ERYa9POsQHY9LH2wNrDGT7uLeEmn3-a1EllpXe5Xs');
    expect(commandIdFrom(scope, 'key-1')).to.equal('e6821c57-e001-5eeb-b589-fb24c47b13d6');
    expect(commandIdFrom(scope, '~!@#$%^&*()_+ printable')).to.equal('74b45d18-a130-51bc-8ccc-9627a083ddf4');
    expect(commandIdFrom(scope, undefined)).to.match(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
  });

  it('gives the same blind index as before (its hospital key now derived on first use)', () => {
    expect(blindIndexer('secret')('h1')('national_id:123')).to.equal(
      '576e85e6929bfff6af9bafcc228dc925ec51991e953abde006354b880b4cea05',
    );
    expect(blindIndexer('secret')('h2')('national_id:123')).not.to.equal(
      blindIndexer('secret')('h1')('national_id:123'),
    );
  });
});
