import { expect } from 'chai';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { requireService } from '../testing/services.js';
import { postgresBinDir, startThrowawayPostgres } from '../testing/throwaway-postgres.js';
import { keyStoreContract } from './contract.js';
import { KeyStoreUnavailable } from './errors.js';
import { MasterKey } from './master-key.js';
import { openPostgresKeyStore } from './postgres.js';

describe('key store: PostgreSQL', () => {
  let url: string;
  const master = MasterKey.generate();
  before(function () {
    url = requireService(this, 'POSTGRES_URL', 'the PostgreSQL key store');
  });

  keyStoreContract(() => openPostgresKeyStore(url, master));

  describe('creating its table', () => {
    let admin: pg.Client;
    const schema = `keys_open_${process.pid}_${Date.now().toString(36)}`;
    const inSchema = (name: string) => `${url}${url.includes('?') ? '&' : '?'}options=-c%20search_path%3D${name}`;
    before(async () => {
      admin = new pg.Client(url);
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
    });
    after(async () => {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    });

    it('opens from several processes at once on a database without the table (they take turns)', async () => {
      const opened = await Promise.allSettled(
        Array.from({ length: 4 }, () => openPostgresKeyStore(inSchema(schema), master)),
      );
      const failed = opened.filter((r) => r.status === 'rejected');
      for (const r of opened) if (r.status === 'fulfilled') await r.value.close();
      expect(failed.map((r) => String((r as PromiseRejectedResult).reason))).to.deep.equal([]);
    });

    it('reports a server that does not answer as unavailable, and any other failure as it is', async () => {
      const down = await openPostgresKeyStore('postgres://postgres@127.0.0.1:9/none', master).catch((e: unknown) => e);
      expect(down).to.be.instanceOf(KeyStoreUnavailable);
      const noSchema = await openPostgresKeyStore(inSchema(`${schema}_missing`), master).catch((e: unknown) => e);
      expect(noSchema).to.be.instanceOf(Error).and.not.to.be.instanceOf(KeyStoreUnavailable);
    });
  });

  it('keeps keys wrapped at rest: the table never holds the data key', async () => {
    const store = await openPostgresKeyStore(url, master);
    const patient = uuidv7();
    const key = await store.dataKeyFor('h-wrap', patient);
    const client = new pg.Client(url);
    await client.connect();
    const { rows } = await client.query<{ wrapped_key: Buffer }>(
      "SELECT wrapped_key FROM personal_data_keys WHERE hospital_id = 'h-wrap' AND patient_id = $1",
      [patient],
    );
    await client.end();
    await store.close();
    expect(rows[0]?.wrapped_key.includes(key)).to.equal(false);
    expect(() => MasterKey.generate().unwrap(rows[0]!.wrapped_key, 'h-wrap', patient)).to.throw(/master key/);
    expect(master.unwrap(rows[0]!.wrapped_key, 'h-wrap', patient).equals(key)).to.equal(true);
  });

  it('pings false while its PostgreSQL is stopped, and true again once it is back', async function () {
    this.timeout(60_000);
    if (!postgresBinDir()) {
      console.log('      skipped: PostgreSQL server binaries (initdb, pg_ctl) are not installed');
      this.skip();
    }
    const cluster = await startThrowawayPostgres();
    try {
      const store = await openPostgresKeyStore(cluster.url, master);
      expect(await store.ping()).to.equal(true);
      await cluster.stop();
      expect(await store.ping()).to.equal(false);
      await cluster.start();
      expect(await store.ping()).to.equal(true);
      await store.close();
    } finally {
      await cluster.destroy();
    }
  });
});
