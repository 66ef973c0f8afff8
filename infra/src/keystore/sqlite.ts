import Database from 'better-sqlite3';
import { ensurePrivateSqliteFile } from '../files/private-file.js';
import { type MasterKey, newDataKey } from './master-key.js';
import { type KeyStore, PersonalDataErased } from './port.js';
import { CURRENT_WRAP_FORMAT, keyBinding, type WrapFormat } from './subject.js';

interface Row {
  wrapped_key: Buffer | null;
  wrap_format: WrapFormat | null;
  erased: 0 | 1;
}

/** Keys by subject; an erased subject has a tombstone and no key row (the key's bytes are gone). */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS personal_data_subject_keys (
    hospital_id  TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id   TEXT NOT NULL,
    wrapped_key  BLOB NOT NULL,
    wrap_format  INTEGER NOT NULL,
    created_at   TEXT NOT NULL,
    PRIMARY KEY (hospital_id, subject_kind, subject_id)
  );
  CREATE TABLE IF NOT EXISTS personal_data_erasures (
    hospital_id  TEXT NOT NULL,
    subject_kind TEXT NOT NULL,
    subject_id   TEXT NOT NULL,
    erased_at    TEXT NOT NULL,
    PRIMARY KEY (hospital_id, subject_kind, subject_id)
  );`;

/**
 * Stores made before keys were kept by subject have `personal_data_keys(hospital_id, patient_id,
 * wrapped_key, created_at, erased_at)`, erased rows holding a NULL key. Their rows move to new
 * tables (new names, so an older process still running beside the new one keeps its own table
 * rather than failing on this one) as patients, keeping their wrap binding (format 1), so they still unwrap; then the
 * file is rebuilt (VACUUM), so no erased key an old version left in free space survives.
 */
function migrateFromPatientKeys(db: Database.Database): boolean {
  const columns = db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('personal_data_keys')").all();
  if (!columns.some((c) => c.name === 'patient_id')) return false;
  db.transaction(() => {
    db.exec(SCHEMA);
    db.exec(`INSERT OR IGNORE INTO personal_data_subject_keys (hospital_id, subject_kind, subject_id, wrapped_key, wrap_format, created_at)
      SELECT hospital_id, 'patient', patient_id, wrapped_key, 1, created_at FROM personal_data_keys
      WHERE wrapped_key IS NOT NULL AND erased_at IS NULL`);
    db.exec(`INSERT OR IGNORE INTO personal_data_erasures (hospital_id, subject_kind, subject_id, erased_at)
      SELECT hospital_id, 'patient', patient_id, COALESCE(erased_at, created_at) FROM personal_data_keys
      WHERE wrapped_key IS NULL OR erased_at IS NOT NULL`);
    db.exec(`DELETE FROM personal_data_subject_keys WHERE EXISTS (SELECT 1 FROM personal_data_erasures e
      WHERE e.hospital_id = personal_data_subject_keys.hospital_id AND e.subject_kind = personal_data_subject_keys.subject_kind
        AND e.subject_id = personal_data_subject_keys.subject_id)`);
    db.exec('DROP TABLE personal_data_keys');
  }).immediate();
  return true;
}

/** Embedded mode: the keys live in a SQLite file beside (not inside) the event store file. */
export function openSqliteKeyStore(file: string, master: MasterKey): KeyStore {
  ensurePrivateSqliteFile(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // An event is appended only after its key is stored: the key must be on disk first, or a power
  // cut could keep the event and lose the only key that decrypts it.
  db.pragma('synchronous = FULL');
  // Deleted content (an erased key) is overwritten with zeros, not left in the page's free space.
  db.pragma('secure_delete = ON');
  // Erasure truncates the WAL: an old frame holding the key would otherwise outlive the erasure.
  const truncateWal = () => db.pragma('wal_checkpoint(TRUNCATE)');
  if (migrateFromPatientKeys(db)) {
    db.exec('VACUUM');
    truncateWal();
  }
  db.exec(SCHEMA);

  const select = db.prepare<[string, string, string, string, string, string], Row>(
    `SELECT k.wrapped_key, k.wrap_format,
       EXISTS (SELECT 1 FROM personal_data_erasures WHERE hospital_id = ? AND subject_kind = ? AND subject_id = ?) AS erased
     FROM (SELECT 1) LEFT JOIN personal_data_subject_keys k ON k.hospital_id = ? AND k.subject_kind = ? AND k.subject_id = ?`,
  );
  const insert = db.prepare(
    `INSERT OR IGNORE INTO personal_data_subject_keys (hospital_id, subject_kind, subject_id, wrapped_key, wrap_format, created_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const deleteKey = db.prepare(
    'DELETE FROM personal_data_subject_keys WHERE hospital_id = ? AND subject_kind = ? AND subject_id = ?',
  );
  const tombstone = db.prepare(
    'INSERT OR IGNORE INTO personal_data_erasures (hospital_id, subject_kind, subject_id, erased_at) VALUES (?, ?, ?, ?)',
  );
  const read = (hospitalId: string, kind: string, id: string) =>
    select.get(hospitalId, kind, id, hospitalId, kind, id) as Row;
  const createOrRead = db.transaction((hospitalId: string, kind: string, id: string, wrapped: Buffer) => {
    const row = read(hospitalId, kind, id);
    if (row.erased || row.wrapped_key) return row;
    insert.run(hospitalId, kind, id, wrapped, CURRENT_WRAP_FORMAT, new Date().toISOString());
    return read(hospitalId, kind, id);
  });
  const erase = db.transaction((hospitalId: string, kind: string, id: string) => {
    deleteKey.run(hospitalId, kind, id);
    tombstone.run(hospitalId, kind, id, new Date().toISOString());
  });

  return {
    async dataKeyFor(hospitalId, subject) {
      let row = read(hospitalId, subject.kind, subject.id);
      if (!row.erased && !row.wrapped_key) {
        const wrapped = master.wrap(newDataKey(), keyBinding(hospitalId, subject, CURRENT_WRAP_FORMAT));
        row = createOrRead.immediate(hospitalId, subject.kind, subject.id, wrapped);
      }
      if (row.erased || !row.wrapped_key || !row.wrap_format) throw new PersonalDataErased();
      return master.unwrap(row.wrapped_key, keyBinding(hospitalId, subject, row.wrap_format));
    },
    async existingKey(hospitalId, subject) {
      const row = read(hospitalId, subject.kind, subject.id);
      if (row.erased || !row.wrapped_key || !row.wrap_format) return null;
      return master.unwrap(row.wrapped_key, keyBinding(hospitalId, subject, row.wrap_format));
    },
    async erase(hospitalId, subject) {
      erase.immediate(hospitalId, subject.kind, subject.id);
      truncateWal();
    },
    async ping() {
      // A closed database refuses every statement: then the store cannot serve keys.
      return db.open;
    },
    async close() {
      db.close();
    },
  };
}
