import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'chai';
import { decryptValue, encryptValue } from './field-cipher.js';
import { MasterKey } from './master-key.js';
import { PersonalDataErased } from './port.js';
import { openSqliteKeyStore } from './sqlite.js';
import { SQLITE_BY_PATIENT_DDL, wrapByPatient } from './testing/store-by-patient.js';

/** The SQLite key store on a real file: the migration from keys by patient, and what erasure leaves on disk. */
describe('key store: SQLite files', () => {
  let dir: string;
  let file: string;
  const raw = randomBytes(32);
  const master = MasterKey.parse(raw.toString('hex'));
  const patient = (id: string) => ({ kind: 'patient' as const, id });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'chartline-keys-'));
    file = join(dir, 'keys.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Every byte the store keeps on disk: the database and its WAL and shared-memory files. */
  const filesOnDisk = () =>
    Buffer.concat(['', '-wal', '-shm'].map((s) => (existsSync(file + s) ? readFileSync(file + s) : Buffer.alloc(0))));

  it('migrates a store keyed by patient: its keys still decrypt, its erasures stay erased, the old table is gone', async () => {
    const dataKey = randomBytes(32);
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.exec(SQLITE_BY_PATIENT_DDL);
    const insert = old.prepare(
      'INSERT INTO personal_data_keys (hospital_id, patient_id, wrapped_key, created_at, erased_at) VALUES (?, ?, ?, ?, ?)',
    );
    insert.run('h1', 'p-kept', wrapByPatient(raw, dataKey, 'h1', 'p-kept'), '2026-01-01T00:00:00.000Z', null);
    insert.run('h1', 'p-erased', null, '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z');
    old.close();
    const ciphertext = encryptValue({ givenName: 'Ada' }, dataKey);

    const store = openSqliteKeyStore(file, master);
    const key = await store.existingKey('h1', patient('p-kept'));
    expect(key?.equals(dataKey)).to.equal(true);
    expect(decryptValue(ciphertext, key!)).to.deep.equal({ givenName: 'Ada' });
    expect((await store.dataKeyFor('h1', patient('p-kept'))).equals(dataKey)).to.equal(true);
    expect(await store.existingKey('h1', patient('p-erased'))).to.equal(null);
    const refused = await store.dataKeyFor('h1', patient('p-erased')).catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(PersonalDataErased);
    expect(
      await store.existingKey('h1', { kind: 'staff', id: 'p-kept' }),
      'a staff member is not the patient',
    ).to.equal(null);
    await store.close();

    const after = new Database(file, { readonly: true });
    const tables = after.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'").all();
    after.close();
    expect(tables.map((t) => t.name).sort()).to.deep.equal(['personal_data_erasures', 'personal_data_subject_keys']);

    const reopened = openSqliteKeyStore(file, master);
    expect(
      (await reopened.existingKey('h1', patient('p-kept')))?.equals(dataKey),
      'a second open changes nothing',
    ).to.equal(true);
    await reopened.close();
  });

  it('after erasure no copy of the wrapped key (nor the key) is left in keys.db, keys.db-wal or keys.db-shm; a later read says erased', async () => {
    const store = openSqliteKeyStore(file, master);
    for (let i = 0; i < 20; i++) await store.dataKeyFor('h1', patient(`other-${i}`));
    const key = await store.dataKeyFor('h1', patient('ada'));
    for (let i = 20; i < 40; i++) await store.dataKeyFor('h1', patient(`other-${i}`));
    const peek = new Database(file, { readonly: true });
    const { wrapped_key: wrapped } = peek
      .prepare<[], { wrapped_key: Buffer }>(
        "SELECT wrapped_key FROM personal_data_subject_keys WHERE subject_id = 'ada'",
      )
      .get()!;
    peek.close();
    expect(filesOnDisk().includes(wrapped), 'the wrapped key is on disk before the erasure').to.equal(true);

    await store.erase('h1', patient('ada'));
    await store.erase('h1', patient('ada'));
    const bytes = filesOnDisk();
    expect(bytes.includes(wrapped), 'wrapped key left on disk').to.equal(false);
    expect(bytes.includes(key), 'data key left on disk').to.equal(false);
    expect(bytes.includes(wrapped.subarray(28)), 'the wrapped key body left on disk').to.equal(false);

    expect(await store.existingKey('h1', patient('ada'))).to.equal(null);
    const refused = await store.dataKeyFor('h1', patient('ada')).catch((e: unknown) => e);
    expect(refused).to.be.instanceOf(PersonalDataErased);
    expect(await store.existingKey('h1', patient('other-3'))).to.not.equal(null);
    await store.close();
    const reopened = openSqliteKeyStore(file, master);
    expect(await reopened.existingKey('h1', patient('ada')), 'still erased after a restart').to.equal(null);
    await reopened.close();
  });
});
