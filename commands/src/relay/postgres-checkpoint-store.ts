import pg from 'pg';
import type { RelayCheckpointStore } from './checkpoint-store.js';

const DDL = `CREATE TABLE IF NOT EXISTS relay_checkpoints (
  name text PRIMARY KEY,
  position bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
)`;

/** The checkpoint as one row next to the events, in the event store's own database. */
export async function postgresCheckpointStore(url: string, name = 'relay'): Promise<RelayCheckpointStore> {
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  // An idle client whose server goes away (restart, failover) emits 'error' on the pool; unheard,
  // it would kill the relay. The pool drops that client, and the next query fails or reconnects.
  pool.on('error', () => undefined);
  await pool.query(DDL);
  return {
    async get() {
      const { rows } = await pool.query<{ position: string }>(
        'SELECT position FROM relay_checkpoints WHERE name = $1',
        [name],
      );
      return rows[0] ? Number(rows[0].position) : null;
    },
    async set(position) {
      await pool.query(
        `INSERT INTO relay_checkpoints (name, position) VALUES ($1, $2)
         ON CONFLICT (name) DO UPDATE SET position = GREATEST(relay_checkpoints.position, EXCLUDED.position), updated_at = now()`,
        [name, position],
      );
    },
    async close() {
      await pool.end();
    },
  };
}
