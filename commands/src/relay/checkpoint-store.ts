/**
 * Where the relay remembers the last event-store position Kafka has acknowledged. It lives next
 * to the events (a table in the same PostgreSQL database or SQLite file) rather than in Kafka or
 * Redis: the relay then needs no store beyond the two it already talks to, the checkpoint is as
 * durable as the events it points into, and a store restored from backup brings a checkpoint no
 * newer than its events (the relay republishes, never skips). A duplicate is harmless downstream.
 */
export interface RelayCheckpointStore {
  /** The last acknowledged position, or null before the first publish. */
  get(): Promise<number | null>;
  /** Never moves backwards: a stale writer cannot rewind the checkpoint. */
  set(position: number): Promise<void>;
  close(): Promise<void>;
}

/** The embedded start's checkpoint: the in-process bus forgets everything at exit anyway. */
export function memoryCheckpointStore(initial: number | null = null): RelayCheckpointStore {
  let position = initial;
  return {
    async get() {
      return position;
    },
    async set(next) {
      position = position === null ? next : Math.max(position, next);
    },
    async close() {},
  };
}
