import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';
import { MemoryEventStore } from '../eventstore/memory/memory-event-store.js';
import type { EventStore, StreamRead } from '../eventstore/port.js';
import { instrumentEventStore } from './traced-event-store.js';

/** The memory store with the optional reads a server store has, answered from its own reads. */
function withOptionalReads(store: MemoryEventStore): EventStore {
  const readStreams = (reads: readonly StreamRead[]) =>
    Promise.all(
      reads.map((r) =>
        store.readStream(r.streamId, r.tail ? { direction: 'backwards', maxCount: 1 } : {}).catch(() => null),
      ),
    );
  return Object.assign(Object.create(store) as EventStore, {
    readStreams,
    readCommandStreams: async (reads: readonly StreamRead[], command: { hospitalId: string; commandId: string }) => ({
      streams: await readStreams(reads),
      command: await store.findCommand(command.hospitalId, command.commandId),
    }),
    readHospitalEvents: async () => [],
  });
}

describe('instrumentEventStore', () => {
  it("keeps the store's optional reads, so a command's streams and record are still read in one call behind it", async () => {
    const memory = new MemoryEventStore();
    const event = { eventId: uuidv7(), type: 'beds.Noted', data: { i: 1 }, metadata: {} };
    await memory.appendToStreams([{ streamId: 'bed-h1.a', events: [event], expected: 'no_stream' }], {
      command: { hospitalId: 'h1', commandId: 'c1', outcome: { fingerprint: 'f' } },
    });
    const store = instrumentEventStore(withOptionalReads(memory));
    expect(store.readStreams, 'readStreams kept').to.be.a('function');
    expect(store.readCommandStreams, 'readCommandStreams kept').to.be.a('function');
    expect(store.readHospitalEvents, 'readHospitalEvents kept').to.be.a('function');

    const read = await store.readCommandStreams?.([{ streamId: 'bed-h1.a' }, { streamId: 'bed-h1.none' }], {
      hospitalId: 'h1',
      commandId: 'c1',
    });
    expect(read?.streams.map((s) => (s === null ? null : s.map((e) => e.data)))).to.deep.equal([[{ i: 1 }], null]);
    expect(read?.command?.outcome).to.deep.equal({ fingerprint: 'f' });
    expect(await store.readStreams?.([{ streamId: 'bed-h1.a', tail: true }])).to.have.length(1);
  });

  it('adds none of them to a store that has none', () => {
    const store = instrumentEventStore(new MemoryEventStore());
    expect(store.readStreams).to.equal(undefined);
    expect(store.readCommandStreams).to.equal(undefined);
    expect(store.readHospitalEvents).to.equal(undefined);
  });
});
