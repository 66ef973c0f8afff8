import pg from 'pg';
import { requireService } from '../../testing/services.js';
import { eventStoreContract } from '../contract.js';
import { PostgresEventStore } from './postgres-event-store.js';
import { quoteIdent } from './schema.js';

describe('PostgreSQL event store', () => {
  let url: string;
  const schemas: string[] = [];

  before(function () {
    url = requireService(this, 'POSTGRES_URL');
  });

  after(async () => {
    if (schemas.length === 0) return;
    const client = new pg.Client(url);
    await client.connect();
    for (const s of schemas) await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(s)} CASCADE`);
    await client.end();
  });

  // A schema per store: the suite shares the server with other engineers' tests.
  eventStoreContract(
    'postgres',
    async () => {
      const schema = `es_test_${process.pid}_${Date.now()}_${schemas.length}`;
      schemas.push(schema);
      return PostgresEventStore.open({ url, schema, poolSize: 12 });
    },
    { freshStoreIsEmpty: true },
  );
});
