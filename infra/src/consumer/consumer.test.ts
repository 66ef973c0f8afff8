import { expect } from 'chai';
import type { ConsumedMessage } from '../bus/port.js';
import { DLQ_HEADERS, deadLetter, reasonOf, withoutDeadLetterHeaders } from './dead-letter.js';
import { backoffMs, isTransient } from './transient.js';

const message: ConsumedMessage = {
  topic: 'chartline.patients.events.v1',
  partition: 3,
  offset: '42',
  key: 'h1',
  value: Buffer.from('bytes'),
  headers: { type: 'patients.PatientRegistered' },
};

describe('consumer retries and dead letters (shared by projectors and process managers)', () => {
  it('treats a server that is away as transient, also when wrapped, and a bug as not', () => {
    const refused = Object.assign(new Error('connect'), { code: 'ECONNREFUSED' });
    expect(isTransient(refused)).to.equal(true);
    expect(isTransient(new Error('outer', { cause: refused }))).to.equal(true);
    expect(isTransient(Object.assign(new Error('x'), { name: 'BusUnavailable' }))).to.equal(true);
    expect(isTransient(Object.assign(new Error('x'), { transient: true }))).to.equal(true);
    expect(isTransient(new TypeError('undefined is not a function'))).to.equal(false);
    expect(isTransient('a string')).to.equal(false);
  });

  it('backs off exponentially with jitter, capped', () => {
    for (let i = 0; i < 20; i++) {
      expect(backoffMs(1, 100, 10_000)).to.be.within(75, 125);
      expect(backoffMs(3, 100, 10_000)).to.be.within(300, 500);
      expect(backoffMs(30, 100, 10_000)).to.be.within(7_500, 12_500);
    }
  });

  it('parks a message with where it came from and why, and the replay strips exactly that', () => {
    const parked = deadLetter(message, 'TypeError', 5, new Date('2026-01-01T00:00:00Z'));
    expect(parked.key).to.equal('h1');
    expect(parked.value.toString()).to.equal('bytes');
    expect(parked.headers).to.deep.include({
      type: 'patients.PatientRegistered',
      [DLQ_HEADERS.reason]: 'TypeError',
      [DLQ_HEADERS.originalTopic]: 'chartline.patients.events.v1',
      [DLQ_HEADERS.originalPartition]: '3',
      [DLQ_HEADERS.originalOffset]: '42',
      [DLQ_HEADERS.attempts]: '5',
      [DLQ_HEADERS.parkedAt]: '2026-01-01T00:00:00.000Z',
    });
    expect(withoutDeadLetterHeaders(parked).headers).to.deep.equal(message.headers);
  });

  it('keeps a driver message out of the reason (it may quote a document) unless it is PHI-free', () => {
    const driver = Object.assign(new Error('E11000 duplicate key { name: "Jane" }'), {
      name: 'MongoServerError',
      code: 11000,
    });
    expect(reasonOf(driver, false)).to.equal('MongoServerError (code 11000)');
    expect(reasonOf(new RangeError('unknown fingerprint'), true)).to.equal('RangeError: unknown fingerprint');
    expect(reasonOf('nope', true)).to.equal('non-error thrown');
  });
});
