import { verifyChain } from '@chartline/events';
import { type EventStore, MemoryEventStore, StoreUnavailable } from '@chartline/infra';
import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';
import { AccessRecorder, accessStreamId } from './access-log.js';
import { toAudited } from './stream-reads.js';

const principal = { id: 'nurse-1', role: 'nurse', roles: ['nurse'], hospitals: ['h1'] };
const ctx = (requestId: string) => ({
  hospitalId: 'h1',
  principal,
  route: 'GET /hospitals/:hospitalId/wards/:wardId/beds',
  requestId,
  at: '2026-12-01T07:00:00.000Z',
});
const shown = (...patients: string[]) => patients.map((patientId) => ({ patientId, view: 'bed_board' as const }));

/** The store with its appends counted. */
function counting(store: EventStore): { store: EventStore; appends: () => number } {
  let appends = 0;
  const wrapped = Object.create(store) as EventStore;
  wrapped.appendToStreams = (...args) => {
    appends++;
    return store.appendToStreams(...args);
  };
  return { store: wrapped, appends: () => appends };
}

describe('AccessRecorder (the access log, group-committed)', () => {
  it('records every access of 40 concurrent reads, in fewer appends than reads, each log a valid chain', async () => {
    const memory = new MemoryEventStore();
    const { store, appends } = counting(memory);
    const recorder = new AccessRecorder(store);
    await Promise.all(Array.from({ length: 40 }, (_, i) => recorder.record(ctx(`r${i}`), shown('p1', 'p2', 'p3'))));
    for (const patient of ['p1', 'p2', 'p3']) {
      const log = await memory.readStream(accessStreamId('h1', patient));
      expect(log.map((e) => e.revision)).to.deep.equal(Array.from({ length: 40 }, (_, i) => i));
      expect(new Set(log.map((e) => e.data['requestId'])).size, 'one event per read').to.equal(40);
      expect(verifyChain(log.map(toAudited)).ok).to.equal(true);
    }
    expect(appends()).to.be.lessThan(40);
  });

  it('continues a log another writer moved behind its back (re-reads the tail), keeping the chain valid', async () => {
    const memory = new MemoryEventStore();
    const first = new AccessRecorder(memory);
    const second = new AccessRecorder(memory);
    await first.record(ctx('a'), shown('p1'));
    await second.record(ctx('b'), shown('p1'));
    // `first` remembers revision 0 as the tail; the log is at 1 now.
    await first.record(ctx('c'), shown('p1'));
    const log = await memory.readStream(accessStreamId('h1', 'p1'));
    expect(log.map((e) => e.data['requestId'])).to.deep.equal(['a', 'b', 'c']);
    expect(verifyChain(log.map(toAudited)).ok).to.equal(true);
  });

  it('refuses every read of a batch whose append fails, writes nothing, and records again once the store is back', async () => {
    const memory = new MemoryEventStore();
    let down = true;
    const flaky = Object.create(memory) as EventStore;
    flaky.appendToStreams = (...args) =>
      down ? Promise.reject(new StoreUnavailable('down')) : memory.appendToStreams(...args);
    const recorder = new AccessRecorder(flaky);
    const outcomes = await Promise.allSettled([
      recorder.record(ctx('x'), shown('p1')),
      recorder.record(ctx('y'), shown('p2')),
    ]);
    expect(outcomes.map((o) => (o.status === 'rejected' ? o.reason : o.value))).to.satisfy((reasons: unknown[]) =>
      reasons.every((r) => r instanceof StoreUnavailable),
    );
    expect(await memory.readAll()).to.deep.equal([]);
    down = false;
    await recorder.record(ctx('z'), shown('p1'));
    expect((await memory.readStream(accessStreamId('h1', 'p1'))).map((e) => e.data['requestId'])).to.deep.equal(['z']);
  });

  it('fails alone a read whose access does not fit the event, recording the others of its batch', async () => {
    const memory = new MemoryEventStore();
    const recorder = new AccessRecorder(memory);
    const bad = [{ patientId: 'p2', view: 'no-such-view' as 'bed_board' }];
    const outcomes = await Promise.allSettled([
      recorder.record(ctx('ok-1'), shown('p1')),
      recorder.record(ctx('bad'), bad),
      recorder.record(ctx('ok-2'), shown('p1')),
    ]);
    expect(outcomes.map((o) => o.status)).to.deep.equal(['fulfilled', 'rejected', 'fulfilled']);
    const log = await memory.readStream(accessStreamId('h1', 'p1'));
    expect(log.map((e) => e.data['requestId'])).to.deep.equal(['ok-1', 'ok-2']);
    expect(verifyChain(log.map(toAudited)).ok).to.equal(true);
    expect((await memory.readAll()).map((e) => e.streamId)).to.not.include(accessStreamId('h1', 'p2'));
  });

  it('answers at once, writing nothing, for a read that showed nobody', async () => {
    const memory = new MemoryEventStore();
    await new AccessRecorder(memory).record(ctx(uuidv7()), []);
    expect(await memory.readAll()).to.deep.equal([]);
  });
});
