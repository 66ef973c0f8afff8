import { expect } from 'chai';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { postgresBinDir, startThrowawayPostgres, type ThrowawayPostgres } from '../../testing/throwaway-postgres.js';
import { StoreUnavailable, StreamNotFound } from '../errors.js';
import type { EventToAppend } from '../port.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { APPEND_LOCK_CLASS } from './schema.js';

/** PostgreSQL dies mid-append: the caller learns StoreUnavailable; the batch is all there or absent. */
describe('PostgreSQL event store: server stopped mid-append', function () {
  this.timeout(120_000);
  let server: ThrowawayPostgres;
  let store: PostgresEventStore;
  let side: pg.Client;

  before(async function () {
    if (!postgresBinDir()) {
      console.log(
        '      skipped: PostgreSQL server binaries (initdb, pg_ctl) are not installed under /usr/lib/postgresql',
      );
      this.skip();
    }
    // A private cluster: crashing the shared test server would break other suites.
    server = await startThrowawayPostgres();
    store = await PostgresEventStore.open({ url: server.url, schema: 'fault' });
  });

  after(async () => {
    await store?.close().catch(() => undefined);
    await side?.end().catch(() => undefined);
    await server?.destroy();
  });

  async function sideSession(): Promise<pg.Client> {
    const client = new pg.Client(server.url);
    client.on('error', () => undefined); // the crash kills this session too
    await client.connect();
    return client;
  }

  async function waitForBackend(where: string): Promise<void> {
    for (let i = 0; i < 2000; i++) {
      const { rows } = await side.query(`SELECT 1 FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND ${where}`);
      if (rows.length > 0) return;
      await new Promise((r) => setTimeout(r, 2));
    }
    throw new Error(`no backend matched: ${where}`);
  }

  it('an append parked inside its transaction: StoreUnavailable, and after restart none of the batch', async () => {
    side = await sideSession();
    // Hold the append lock so the append is provably inside its transaction when the server dies.
    await side.query('SELECT pg_advisory_lock($1, hashtext($2))', [APPEND_LOCK_CLASS, 'fault']);
    const stream = 'stay-h1.parked';
    const outcome = store.append(stream, events(50, 100), 'no_stream').then(
      () => 'committed',
      (err: unknown) => err,
    );
    // The append is one call to the append function, waiting inside it for the append lock.
    await waitForBackend(`wait_event_type = 'Lock' AND wait_event = 'advisory' AND query LIKE '%append_events%'`);
    await server.stop('immediate');

    expect(await outcome).to.be.instanceOf(StoreUnavailable);
    expect(await store.ping()).to.equal(false);
    expect(await rejectionOf(store.readAll())).to.be.instanceOf(StoreUnavailable);
    expect(await rejectionOf(store.append(stream, events(1, 10), 'any'))).to.be.instanceOf(StoreUnavailable);
    expect(await rejectionOf(PostgresEventStore.open({ url: server.url, schema: 'fault' }))).to.be.instanceOf(
      StoreUnavailable,
    );

    await server.start();
    expect(await store.ping()).to.equal(true);
    expect(await rejectionOf(store.readStream(stream))).to.be.instanceOf(StreamNotFound);
    // The stream row the dead transaction created is gone too: no_stream still holds.
    const retry = await store.append(stream, events(50, 100), 'no_stream');
    expect(retry.nextExpectedRevision).to.equal(49);
  });

  it('a 5,000-event batch killed while its append call runs: StoreUnavailable, and after restart all or nothing', async () => {
    side = await sideSession();
    const stream = 'chart-h1.big';
    const batch = events(5_000, 2_000);
    const outcome = store.append(stream, batch, 'no_stream').then(
      () => 'committed',
      (err: unknown) => err,
    );
    await waitForBackend(`state = 'active' AND query LIKE '%"fault".append_events%'`);
    await server.stop('immediate');
    const result = await outcome;
    expect(result).to.be.instanceOf(StoreUnavailable);

    await server.start();
    const stored = await store.readStream(stream).catch((err: unknown) => {
      if (err instanceof StreamNotFound) return [];
      throw err;
    });
    expect([0, batch.length]).to.include(stored.length);
    if (stored.length > 0) expect(stored.map((e) => e.eventId)).to.deep.equal(batch.map((e) => e.eventId));
  });
});

function events(count: number, size: number): EventToAppend[] {
  return Array.from({ length: count }, (_, i) => ({
    eventId: uuidv7(),
    type: 'charting.VitalsRecorded',
    data: {
      i,
      reading: Math.random()
        .toString(36)
        .repeat(Math.ceil(size / 10))
        .slice(0, size),
    },
    metadata: { hospitalId: 'h1' },
  }));
}

async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  return new Error('resolved');
}
