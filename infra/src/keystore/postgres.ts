import pg from 'pg';
import { KeyStoreUnavailable } from './errors.js';
import { type MasterKey, newDataKey } from './master-key.js';
import { type KeyStore, PersonalDataErased } from './port.js';

interface Row {
  wrapped_key: Buffer | null;
}

const SCHEMA = `CREATE TABLE IF NOT EXISTS personal_data_keys (
  hospital_id text NOT NULL,
  patient_id text NOT NULL,
  wrapped_key bytea,
  created_at timestamptz NOT NULL DEFAULT now(),
  erased_at timestamptz,
  PRIMARY KEY (hospital_id, patient_id)
)`;

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
 * Processes starting side by side (every projector, the command API) each create the table if it is
 * missing; two concurrent `CREATE TABLE IF NOT EXISTS` can both miss it and one then fails on
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
    await client.query(SCHEMA);
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

  const select = (hospitalId: string, patientId: string) =>
    query<Row>('SELECT wrapped_key FROM personal_data_keys WHERE hospital_id = $1 AND patient_id = $2', [
      hospitalId,
      patientId,
    ]).then((r) => r.rows[0]);

  return {
    async dataKeyFor(hospitalId, patientId) {
      let row = await select(hospitalId, patientId);
      if (!row) {
        // Two writers may race to create the key: the first insert wins and both read it back.
        await query(
          'INSERT INTO personal_data_keys (hospital_id, patient_id, wrapped_key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
          [hospitalId, patientId, master.wrap(newDataKey(), hospitalId, patientId)],
        );
        row = await select(hospitalId, patientId);
      }
      if (!row?.wrapped_key) throw new PersonalDataErased();
      return master.unwrap(row.wrapped_key, hospitalId, patientId);
    },
    async existingKey(hospitalId, patientId) {
      const row = await select(hospitalId, patientId);
      return row?.wrapped_key ? master.unwrap(row.wrapped_key, hospitalId, patientId) : null;
    },
    async erase(hospitalId, patientId) {
      await query(
        `INSERT INTO personal_data_keys (hospital_id, patient_id, wrapped_key, erased_at) VALUES ($1, $2, NULL, now())
         ON CONFLICT (hospital_id, patient_id) DO UPDATE SET wrapped_key = NULL, erased_at = COALESCE(personal_data_keys.erased_at, now())`,
        [hospitalId, patientId],
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
