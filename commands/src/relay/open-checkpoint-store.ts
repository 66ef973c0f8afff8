import { memoryCheckpointStore, type RelayCheckpointStore } from './checkpoint-store.js';
import { postgresCheckpointStore } from './postgres-checkpoint-store.js';
import { sqliteCheckpointStore } from './sqlite-checkpoint-store.js';

/**
 * The checkpoint lives where the events live, chosen by the same EVENT_STORE_URL. EventStoreDB
 * has no tables, so there the relay needs an explicit checkpoint URL (postgres:, sqlite: or memory:).
 */
export async function openRelayCheckpointStore(url: string): Promise<RelayCheckpointStore> {
  if (/^postgres(ql)?:\/\//.test(url)) return postgresCheckpointStore(url);
  if (url.startsWith('sqlite:')) return sqliteCheckpointStore(url.slice('sqlite:'.length).replace(/^\/\//, ''));
  if (url.startsWith('memory:')) return memoryCheckpointStore();
  throw new Error('relay checkpoint: unsupported store URL scheme (use postgres://, sqlite: or memory:)');
}
