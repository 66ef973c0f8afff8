import { KurrentEventStore } from './eventstoredb/kurrent-event-store.js';
import { MemoryEventStore } from './memory/memory-event-store.js';
import type { EventStore } from './port.js';
import { PostgresEventStore } from './postgres/postgres-event-store.js';
import { SqliteEventStore } from './sqlite/sqlite-event-store.js';

export interface OpenEventStoreOptions {
  /** PostgreSQL schema name (default `eventstore`). */
  readonly postgresSchema?: string;
}

/**
 * Chooses the adapter by the scheme of EVENT_STORE_URL: `esdb://`/`kurrentdb://`,
 * `postgres://`/`postgresql://`, `sqlite:<path>` (or `sqlite::memory:`), `memory:`.
 * The URL itself never appears in errors: it may carry a password.
 */
export async function openEventStore(url: string, options: OpenEventStoreOptions = {}): Promise<EventStore> {
  if (/^(esdb|kurrentdb)(\+discover)?:\/\//.test(url)) return new KurrentEventStore(url);
  if (/^postgres(ql)?:\/\//.test(url)) {
    return PostgresEventStore.open({ url, ...(options.postgresSchema ? { schema: options.postgresSchema } : {}) });
  }
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path === '')
      throw new Error('EVENT_STORE_URL: sqlite: needs a file path (sqlite:./data/events.db) or :memory:');
    return new SqliteEventStore({ path });
  }
  if (url === 'memory:' || url === 'memory://') return new MemoryEventStore();
  const scheme = /^[a-z][a-z0-9+.-]*:/i.exec(url)?.[0] ?? '(none)';
  throw new Error(
    `EVENT_STORE_URL: unknown scheme ${scheme}; use esdb://, kurrentdb://, postgres://, sqlite:<path> or memory:`,
  );
}
