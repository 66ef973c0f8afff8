import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';
import { eventStoreContract } from '../contract.js';
import { CommandAlreadyRecorded, StoreUnavailable } from '../errors.js';
import type { RecordedEvent } from '../port.js';
import { SqliteEventStore } from './sqlite-event-store.js';

const dir = mkdtempSync(join(tmpdir(), 'chartline-es-sqlite-'));
let files = 0;
const freshFile = () => join(dir, `events-${files++}.db`);

after(() => rmSync(dir, { recursive: true, force: true }));

eventStoreContract('sqlite (WAL file)', async () => new SqliteEventStore({ path: freshFile() }), {
  freshStoreIsEmpty: true,
});

eventStoreContract('sqlite (:memory:)', async () => new SqliteEventStore({ path: ':memory:' }), {
  freshStoreIsEmpty: true,
});

describe('SqliteEventStore specifics', () => {
  it('gains the command records table on a file made before it existed, keeping its events', async () => {
    const path = freshFile();
    // The schema as the code before durable idempotency created it, with one event in it.
    const old = new Database(path);
    old.pragma('journal_mode = WAL');
    old.exec(`
      CREATE TABLE es_streams (stream_id TEXT PRIMARY KEY, revision INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE es_events (
        position INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
        event_id TEXT NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
        recorded_at TEXT NOT NULL, UNIQUE (stream_id, revision));
      INSERT INTO es_streams VALUES ('bed-h1.b1', 0);
      INSERT INTO es_events (stream_id, revision, event_id, type, data, metadata, recorded_at)
        VALUES ('bed-h1.b1', 0, 'e1', 'beds.Old', '{}', '{}', '2026-01-01T00:00:00.000Z');
    `);
    old.close();

    const store = new SqliteEventStore({ path });
    try {
      expect((await store.readStream('bed-h1.b1')).map((e) => e.type)).to.deep.equal(['beds.Old']);
      const command = { hospitalId: 'h1', commandId: 'c1', outcome: { status: 200 } };
      const event = { eventId: uuidv7(), type: 'beds.New', data: {}, metadata: {} };
      await store.appendToStreams([{ streamId: 'bed-h1.b1', events: [event], expected: 0 }], { command });
      expect((await store.findCommand('h1', 'c1'))?.position).to.equal(2);
      let refused: unknown;
      await store
        .appendToStreams([{ streamId: 'bed-h1.b1', events: [{ ...event, eventId: uuidv7() }], expected: 1 }], {
          command,
        })
        .catch((e) => {
          refused = e;
        });
      expect(refused).to.be.instanceOf(CommandAlreadyRecorded);
    } finally {
      await store.close();
    }
  });

  it('refuses a file it cannot open with StoreUnavailable', () => {
    expect(() => new SqliteEventStore({ path: join(dir, 'no-such-dir', 'x.db') })).to.throw(StoreUnavailable);
  });

  it('delivers live to a subscriber what another process appended to the same file (polling)', async function () {
    this.timeout(30_000);
    const path = freshFile();
    const store = new SqliteEventStore({ path, pollMs: 100 });
    const sub = store.subscribeToAll({ after: 0 });
    const first = (async () => {
      for await (const e of sub) return e;
      return undefined;
    })();
    const eventId = uuidv7();
    const storeModule = fileURLToPath(new URL('./sqlite-event-store.ts', import.meta.url));
    const script = `
      const { SqliteEventStore } = await import(${JSON.stringify(storeModule)});
      const s = new SqliteEventStore({ path: ${JSON.stringify(path)} });
      await s.append('bed-h1.1', [{ eventId: ${JSON.stringify(eventId)}, type: 'beds.BedRegistered', data: {}, metadata: {} }], 'no_stream');
      await s.close();`;
    await promisify(execFile)(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script]);
    const got = (await first) as RecordedEvent | undefined;
    await sub.close();
    await store.close();
    expect(got?.eventId).to.equal(eventId);
    expect(got?.position).to.equal(1);
  });

  it('wakes subscribers of another store open on the same file in this process at once', async () => {
    const path = freshFile();
    const reader = new SqliteEventStore({ path, pollMs: 60_000 });
    const writer = new SqliteEventStore({ path });
    const sub = reader.subscribeToAll();
    const first = (async () => {
      for await (const e of sub) return e;
      return undefined;
    })();
    await new Promise((r) => setTimeout(r, 50));
    const started = Date.now();
    await writer.append('bed-h1.1', [{ eventId: uuidv7(), type: 'beds.BedRegistered', data: {}, metadata: {} }], 'any');
    const got = await first;
    expect(got?.streamId).to.equal('bed-h1.1');
    expect(Date.now() - started).to.be.below(5_000);
    await sub.close();
    await reader.close();
    await writer.close();
  });
});
