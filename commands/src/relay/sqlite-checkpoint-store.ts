import Database from 'better-sqlite3';
import type { RelayCheckpointStore } from './checkpoint-store.js';

/** The checkpoint as one row in the embedded event store's SQLite file. */
export function sqliteCheckpointStore(file: string, name = 'relay'): RelayCheckpointStore {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec('CREATE TABLE IF NOT EXISTS relay_checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL)');
  const select = db.prepare<[string], { position: number }>('SELECT position FROM relay_checkpoints WHERE name = ?');
  const upsert = db.prepare<[string, number]>(
    `INSERT INTO relay_checkpoints (name, position) VALUES (?, ?)
     ON CONFLICT (name) DO UPDATE SET position = MAX(position, excluded.position)`,
  );
  return {
    async get() {
      return select.get(name)?.position ?? null;
    },
    async set(position) {
      upsert.run(name, position);
    },
    async close() {
      db.close();
    },
  };
}
