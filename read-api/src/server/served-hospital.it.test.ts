import {
  createMemoryKeyStore,
  type EventStore,
  type MongoReadStore,
  openEventStore,
  openMongoReadStore,
  requireService,
} from '@chartline/infra';
import pg from 'pg';
import { servedHospitalReads } from '../testing/served-hospital-reads.js';

const unique = `served_read_it_${process.pid}_${Date.now()}`;

/** The same refusals as served-hospital.test.ts: PostgreSQL event store, MongoDB-wire read store. */
describe('read API refuses tokens of hospitals not served: PostgreSQL + MongoDB-wire', () => {
  let postgresUrl: string | undefined;
  let eventStore: EventStore | undefined;
  let readStore: MongoReadStore | undefined;

  before(function () {
    requireService(this, 'MONGODB_URL', 'read models');
    postgresUrl = requireService(this, 'POSTGRES_URL', 'the event store holding the hospitals’ streams');
  });
  after(async () => {
    if (readStore) for (const name of await readStore.listCollections()) await readStore.dropCollection(name);
    await Promise.all([eventStore?.close(), readStore?.close()]);
    if (postgresUrl) {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${unique}" CASCADE`);
      await client.end();
    }
  });

  servedHospitalReads(
    async () => {
      eventStore = await openEventStore(String(postgresUrl), { postgresSchema: unique });
      readStore = await openMongoReadStore(String(process.env['MONGODB_URL']), { database: unique });
      return { eventStore, readStore, keys: createMemoryKeyStore() };
    },
    () => [`served-${unique}`, `unregistered-${unique}`],
  );
});
