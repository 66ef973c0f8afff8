import { expect } from 'chai';
import { MemoryEventStore } from './memory/memory-event-store.js';
import { openEventStore } from './open.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';

describe('openEventStore', () => {
  it('opens the in-memory store for memory:', async () => {
    const store = await openEventStore('memory:');
    expect(store).to.be.instanceOf(MemoryEventStore);
    await store.close();
  });

  it('opens an in-memory SQLite database for sqlite::memory:', async () => {
    const store = await openEventStore('sqlite::memory:');
    expect(store).to.be.instanceOf(SqliteEventStore);
    expect(await store.headPosition()).to.equal(0);
    await store.close();
  });

  it('names EVENT_STORE_URL, and not the URL, when the scheme is unknown', async () => {
    const err = await openEventStore('mysql://admin:s3cret@db/x').catch((e: unknown) => e);
    expect(err).to.be.instanceOf(Error);
    expect((err as Error).message)
      .to.contain('EVENT_STORE_URL')
      .and.contain('mysql:')
      .and.not.contain('s3cret');
  });

  it('refuses sqlite: without a path', async () => {
    const err = await openEventStore('sqlite:').catch((e: unknown) => e);
    expect((err as Error).message).to.contain('EVENT_STORE_URL');
  });
});
