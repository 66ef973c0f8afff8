import pg from 'pg';
import { KeyStoreUnavailable } from './errors.js';
import { type MasterKey, newDataKey } from './master-key.js';
import { type KeyStore, PersonalDataErased } from './port.js';
import { CURRENT_WRAP_FORMAT, keyBinding, type Subject, type WrapFormat } from './subject.js';

interface Row {
  wrapped_key: Buffer | null;
  wrap_format: WrapFormat | null;
  erased: boolean;
}

/** Keys by subject; an erased subject has a tombstone and no key row. Constraint names differ from the old table's. */
const SCHEMA = `
  CREATE TABLE IF NOT EXISTS personal_data_subject_keys (
    hospital_id  text NOT NULL,
    subject_kind text NOT NULL,
    subject_id   text NOT NULL,
    wrapped_key  bytea NOT NULL,
    wrap_format  smallint NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT personal_data_subject_keys_pkey PRIMARY KEY (hospital_id, subject_kind, subject_id)
  );
  CREATE TABLE IF NOT EXISTS personal_data_erasures (
    hospital_id  text NOT NULL,
    subject_kind text NOT NULL,
    subject_id   text NOT NULL,
    erased_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT personal_data_erasures_pkey PRIMARY KEY (hospital_id, subject_kind, subject_id)
  )`;

/**
 * Stores made before keys were kept by subject have `personal_data_keys(hospital_id, patient_id,
 * wrapped_key, created_at, erased_at)`, erased rows holding a NULL key. Their rows move to new
 * tables (new names, so an older process still running during a rolling update keeps working on
 * its own table instead of failing on a changed one; the next start moves what it wrote) as
 * patients, keeping their wrap binding (format 1) so they still unwrap, and the old table is dropped: its files, with whatever dead tuples still held erased keys, are unlinked.
 */
const MIGRATE_FROM_PATIENT_KEYS = [
  `INSERT INTO personal_data_subject_keys (hospital_id, subject_kind, subject_id, wrapped_key, wrap_format, created_at)
   SELECT hospital_id, 'patient', patient_id, wrapped_key, 1, created_at FROM personal_data_keys
   WHERE wrapped_key IS NOT NULL AND erased_at IS NULL
   ON CONFLICT DO NOTHING`,
  `INSERT INTO personal_data_erasures (hospital_id, subject_kind, subject_id, erased_at)
   SELECT hospital_id, 'patient', patient_id, COALESCE(erased_at, created_at) FROM personal_data_keys
   WHERE wrapped_key IS NULL OR erased_at IS NOT NULL
   ON CONFLICT DO NOTHING`,
  `DELETE FROM personal_data_subject_keys k USING personal_data_erasures e
   WHERE k.hospital_id = e.hospital_id AND k.subject_kind = e.subject_kind AND k.subject_id = e.subject_id`,
  'DROP TABLE personal_data_keys',
];

/** Connection-level failures (the server is down or restarting) are a 503; anything else is a bug. */
function isUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  if (
    typeof code === 'string' &&
    (/^(08|53|57P)/.test(code) || /^E(CONNREFUSED|CONNRESET|NOTFOUND|TIMEDOUT)/.test(code))
  )
    return true;
  return error instanceof Error && /Connection terminated|timeout exceeded when trying to connect/i.test(error.message);
}

/**
 * Processes starting side by side (every projector, the command API) each create the tables (or
 * migrate the old one) if needed; two concurrent `CREATE TABLE IF NOT EXISTS` can both miss it and one then fails on
 * PostgreSQL's catalogue (pg_type's unique index). A transaction-scoped advisory lock takes turns.
 */
async function createTable(pool: pg.Pool): Promise<void> {
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw isUnavailable(error) ? new KeyStoreUnavailable(error) : error;
  }
  try {
    await client.query('BEGIN');
    await client.query("SELECT pg_advisory_xact_lock(hashtext('chartline.personal_data_keys'))");
    const byPatient = await client.query(
      `SELECT 1 FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name = 'personal_data_keys' AND column_name = 'patient_id'`,
    );
    await client.query(SCHEMA);
    if (byPatient.rowCount) for (const statement of MIGRATE_FROM_PATIENT_KEYS) await client.query(statement);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw isUnavailable(error) ? new KeyStoreUnavailable(error) : error;
  } finally {
    client.release();
  }
}

/** Production: the keys in their own table (in the event store's database or another), wrapped by the master key. */
export async function openPostgresKeyStore(url: string, master: MasterKey): Promise<KeyStore> {
  const pool = new pg.Pool({ connectionString: url, max: 5, connectionTimeoutMillis: 3000 });
  pool.on('error', () => {});
  const query = async <R extends pg.QueryResultRow>(text: string, values: unknown[] = []) => {
    try {
      return await pool.query<R>(text, values);
    } catch (error) {
      if (isUnavailable(error)) throw new KeyStoreUnavailable(error);
      throw error;
    }
  };
  await createTable(pool);

  const select = (hospitalId: string, subject: Subject) =>
    query<Row>(
      `SELECT k.wrapped_key, k.wrap_format,
         EXISTS (SELECT 1 FROM personal_data_erasures WHERE hospital_id = $1 AND subject_kind = $2 AND subject_id = $3) AS erased
       FROM (SELECT 1) AS one
       LEFT JOIN personal_data_subject_keys k ON k.hospital_id = $1 AND k.subject_kind = $2 AND k.subject_id = $3`,
      [hospitalId, subject.kind, subject.id],
    ).then((r) => r.rows[0]!);
  // A key created concurrently with the erasure can commit after its tombstone: the tombstone wins.
  const usable = (row: Row): row is Row & { wrapped_key: Buffer; wrap_format: WrapFormat } =>
    !row.erased && row.wrapped_key !== null && row.wrap_format !== null;

  return {
    async dataKeyFor(hospitalId, subject) {
      let row = await select(hospitalId, subject);
      if (!row.erased && !row.wrapped_key) {
        // Two writers may race to create the key: the first insert wins and both read it back.
        await query(
          `INSERT INTO personal_data_subject_keys (hospital_id, subject_kind, subject_id, wrapped_key, wrap_format)
           SELECT $1, $2, $3, $4, $5
           WHERE NOT EXISTS (SELECT 1 FROM personal_data_erasures WHERE hospital_id = $1 AND subject_kind = $2 AND subject_id = $3)
           ON CONFLICT DO NOTHING`,
          [
            hospitalId,
            subject.kind,
            subject.id,
            master.wrap(newDataKey(), keyBinding(hospitalId, subject, CURRENT_WRAP_FORMAT)),
            CURRENT_WRAP_FORMAT,
          ],
        );
        row = await select(hospitalId, subject);
      }
      if (!usable(row)) throw new PersonalDataErased();
      return master.unwrap(row.wrapped_key, keyBinding(hospitalId, subject, row.wrap_format));
    },
    async existingKey(hospitalId, subject) {
      const row = await select(hospitalId, subject);
      return usable(row) ? master.unwrap(row.wrapped_key, keyBinding(hospitalId, subject, row.wrap_format)) : null;
    },
    async erase(hospitalId, subject) {
      // One statement, so one transaction: the tombstone and the key's deletion commit together.
      // The deleted tuple stays in the table's file until (auto)vacuum and in the WAL until it is
      // recycled: see docs/operations.md, "Erasure and what the key store's files keep".
      await query(
        `WITH gone AS (
           DELETE FROM personal_data_subject_keys WHERE hospital_id = $1 AND subject_kind = $2 AND subject_id = $3
         )
         INSERT INTO personal_data_erasures (hospital_id, subject_kind, subject_id) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING`,
        [hospitalId, subject.kind, subject.id],
      );
    },
    async ping() {
      try {
        await pool.query('SELECT 1');
        return true;
      } catch {
        return false;
      }
    },
    async close() {
      await pool.end();
    },
  };
}
