import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { requireService } from '../testing/services.js';
import { postgresBinDir, startThrowawayPostgres } from '../testing/throwaway-postgres.js';
import { keyStoreContract } from './contract.js';
import { KeyStoreUnavailable } from './errors.js';
import { decryptValue, encryptValue } from './field-cipher.js';
import { MasterKey } from './master-key.js';
import { PersonalDataErased } from './port.js';
import { openPostgresKeyStore } from './postgres.js';
import { keyBinding } from './subject.js';
import { POSTGRES_BY_PATIENT_DDL, wrapByPatient } from './testing/store-by-patient.js';

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
    const patient = { kind: 'patient' as const, id: uuidv7() };
    const key = await store.dataKeyFor('h-wrap', patient);
    const client = new pg.Client(url);
    await client.connect();
    const { rows } = await client.query<{ wrapped_key: Buffer }>(
      "SELECT wrapped_key FROM personal_data_subject_keys WHERE hospital_id = 'h-wrap' AND subject_kind = 'patient' AND subject_id = $1",
      [patient.id],
    );
    await client.end();
    await store.close();
    const binding = keyBinding('h-wrap', patient, 2);
    expect(rows[0]?.wrapped_key.includes(key)).to.equal(false);
    expect(() => MasterKey.generate().unwrap(rows[0]!.wrapped_key, binding)).to.throw(/master key/);
    expect(master.unwrap(rows[0]!.wrapped_key, binding).equals(key)).to.equal(true);
  });

  describe('on a database made by the store keyed by patient', () => {
    let admin: pg.Client;
    const schema = `keys_by_patient_${process.pid}_${Date.now().toString(36)}`;
    let inSchema: string;
    const raw = randomBytes(32);
    const oldMaster = MasterKey.parse(raw.toString('hex'));
    before(async () => {
      inSchema = `${url}${url.includes('?') ? '&' : '?'}options=-c%20search_path%3D${schema}`;
      admin = new pg.Client(url);
      await admin.connect();
      await admin.query(`CREATE SCHEMA ${schema}`);
    });
    after(async () => {
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    });

    it('migrates it: existing keys still decrypt, erased ones stay erased, the old table is dropped', async () => {
      const dataKey = randomBytes(32);
      await admin.query(`SET search_path = ${schema}`);
      await admin.query(POSTGRES_BY_PATIENT_DDL);
      await admin.query('INSERT INTO personal_data_keys (hospital_id, patient_id, wrapped_key) VALUES ($1, $2, $3)', [
        'h1',
        'p-kept',
        wrapByPatient(raw, dataKey, 'h1', 'p-kept'),
      ]);
      await admin.query(
        "INSERT INTO personal_data_keys (hospital_id, patient_id, wrapped_key, erased_at) VALUES ('h1', 'p-erased', NULL, now())",
      );
      const ciphertext = encryptValue('Ada Lovelace', dataKey);

      const opened = await Promise.all([1, 2, 3].map(() => openPostgresKeyStore(inSchema, oldMaster)));
      const [store] = opened;
      const key = await store!.existingKey('h1', { kind: 'patient', id: 'p-kept' });
      expect(key && decryptValue(ciphertext, key)).to.equal('Ada Lovelace');
      expect(await store!.existingKey('h1', { kind: 'patient', id: 'p-erased' })).to.equal(null);
      const refused = await store!.dataKeyFor('h1', { kind: 'patient', id: 'p-erased' }).catch((e: unknown) => e);
      expect(refused).to.be.instanceOf(PersonalDataErased);
      for (const s of opened) await s.close();
      const { rows } = await admin.query<{ table_name: string }>(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name',
        [schema],
      );
      expect(rows.map((r) => r.table_name)).to.deep.equal(['personal_data_erasures', 'personal_data_subject_keys']);
    });

    it('after erasure and VACUUM, the table’s file on disk holds no copy of the wrapped key; a later read says erased', async function () {
      const { rows: dirs } = await admin.query<{ dir: string }>("SELECT current_setting('data_directory') AS dir");
      const dataDir = dirs[0]!.dir;
      if (!existsSync(dataDir)) {
        console.log(`      skipped: the PostgreSQL data directory (${dataDir}) is not on this machine`);
        this.skip();
      }
      const store = await openPostgresKeyStore(inSchema, master);
      for (let i = 0; i < 30; i++) await store.dataKeyFor('h1', { kind: 'patient', id: `other-${i}` });
      const ada = { kind: 'patient' as const, id: uuidv7() };
      const key = await store.dataKeyFor('h1', ada);
      for (let i = 30; i < 60; i++) await store.dataKeyFor('h1', { kind: 'patient', id: `other-${i}` });
      const { rows } = await admin.query<{ wrapped_key: Buffer }>(
        `SELECT wrapped_key FROM ${schema}.personal_data_subject_keys WHERE subject_id = $1`,
        [ada.id],
      );
      const wrapped = rows[0]!.wrapped_key;
      const tableFile = async () => {
        await admin.query('CHECKPOINT');
        const { rows: paths } = await admin.query<{ path: string }>(
          `SELECT pg_relation_filepath('${schema}.personal_data_subject_keys') AS path`,
        );
        return readFileSync(join(dataDir, paths[0]!.path));
      };
      expect((await tableFile()).includes(wrapped), 'the wrapped key is in the file before the erasure').to.equal(true);

      await store.erase('h1', ada);
      await store.erase('h1', ada);
      await admin.query(`VACUUM ${schema}.personal_data_subject_keys`);
      const bytes = await tableFile();
      expect(bytes.includes(wrapped), 'wrapped key left in the table file').to.equal(false);
      expect(bytes.includes(wrapped.subarray(28)), 'wrapped key body left in the table file').to.equal(false);
      expect(bytes.includes(key)).to.equal(false);
      expect(await store.existingKey('h1', ada)).to.equal(null);
      expect(await store.dataKeyFor('h1', ada).catch((e: unknown) => e)).to.be.instanceOf(PersonalDataErased);
      await store.close();
    });
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
