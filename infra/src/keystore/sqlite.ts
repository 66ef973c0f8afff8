import Database from 'better-sqlite3';
import { ensurePrivateSqliteFile } from '../files/private-file.js';
import { type MasterKey, newDataKey } from './master-key.js';
import { type KeyStore, PersonalDataErased } from './port.js';

interface Row {
  wrapped_key: Buffer | null;
}

/** Embedded mode: the keys live in a SQLite file beside (not inside) the event store file. */
export function openSqliteKeyStore(file: string, master: MasterKey): KeyStore {
  ensurePrivateSqliteFile(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // An event is appended only after its key is stored: the key must be on disk first, or a power
  // cut could keep the event and lose the only key that decrypts it.
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE IF NOT EXISTS personal_data_keys (
    hospital_id TEXT NOT NULL,
    patient_id TEXT NOT NULL,
    wrapped_key BLOB,
    created_at TEXT NOT NULL,
    erased_at TEXT,
    PRIMARY KEY (hospital_id, patient_id)
  )`);
  const select = db.prepare<[string, string], Row>(
    'SELECT wrapped_key FROM personal_data_keys WHERE hospital_id = ? AND patient_id = ?',
  );
  const insert = db.prepare(
    'INSERT OR IGNORE INTO personal_data_keys (hospital_id, patient_id, wrapped_key, created_at) VALUES (?, ?, ?, ?)',
  );
  const erase = db.prepare(`INSERT INTO personal_data_keys (hospital_id, patient_id, wrapped_key, created_at, erased_at)
    VALUES (?, ?, NULL, ?, ?)
    ON CONFLICT (hospital_id, patient_id) DO UPDATE SET wrapped_key = NULL, erased_at = COALESCE(erased_at, excluded.erased_at)`);

  return {
    async dataKeyFor(hospitalId, patientId) {
      let row = select.get(hospitalId, patientId);
      if (!row) {
        insert.run(hospitalId, patientId, master.wrap(newDataKey(), hospitalId, patientId), new Date().toISOString());
        row = select.get(hospitalId, patientId);
      }
      if (!row?.wrapped_key) throw new PersonalDataErased();
      return master.unwrap(row.wrapped_key, hospitalId, patientId);
    },
    async existingKey(hospitalId, patientId) {
      const row = select.get(hospitalId, patientId);
      return row?.wrapped_key ? master.unwrap(row.wrapped_key, hospitalId, patientId) : null;
    },
    async erase(hospitalId, patientId) {
      const now = new Date().toISOString();
      erase.run(hospitalId, patientId, now, now);
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
