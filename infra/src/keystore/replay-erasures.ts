import type { EventStore } from '../eventstore/port.js';
import type { KeyStore } from './port.js';
import { erasedSubject, erasureEvents } from './subject.js';

export interface ReplayErasuresResult {
  /** Erasure events read from the event store. */
  readonly erasures: number;
  /** Position of the last event read. */
  readonly position: number;
}

/**
 * Deletes again, in the key store, the data key of every subject an erasure event in the event
 * store erased. After a key-store restore from a backup older than some erasures, the backup holds
 * keys that were deliberately deleted; this puts the erasures back before any read is served.
 * Erasing an already erased subject is a no-op, so it may run any number of times.
 */
export async function replayErasures(
  store: Pick<EventStore, 'readAll'>,
  keys: Pick<KeyStore, 'erase'>,
  options: { readonly pageSize?: number } = {},
): Promise<ReplayErasuresResult> {
  const filter = { eventTypePrefixes: [...erasureEvents.keys()] };
  const pageSize = options.pageSize ?? 1_000;
  let position = 0;
  let erasures = 0;
  for (;;) {
    const page = await store.readAll({ after: position, filter, maxCount: pageSize });
    for (const event of page) {
      const subject = erasedSubject(event.type, event.data);
      const hospitalId = event.metadata['hospitalId'];
      if (!subject || typeof hospitalId !== 'string' || !erasureEvents.has(event.type)) continue;
      await keys.erase(hospitalId, subject);
      erasures++;
    }
    if (page.length === 0) return { erasures, position };
    position = page[page.length - 1]!.position;
  }
}
