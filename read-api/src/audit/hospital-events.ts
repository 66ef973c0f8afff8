import { envelopeFromRecorded } from '@chartline/events';
import type { EventStore } from '@chartline/infra';
import { hospitalStreamPrefixes } from '../server/hospital-streams.js';
import type { AuditedEvent } from './envelope-shape.js';

export interface HospitalEventsQuery {
  /** Inclusive bounds on occurredAt (when the writer decided), epoch ms. */
  readonly from?: number | undefined;
  readonly to?: number | undefined;
  readonly type?: string | undefined;
  readonly actorId?: string | undefined;
  /** Exclusive: events after this position. */
  readonly after: number;
  readonly limit: number;
}

const BATCH = 500;
/** A sparse filter must not turn one request into a scan of the whole store. */
const SCAN_BUDGET = 5_000;

/**
 * A hospital's events in position order, filtered by time, type and actor. The store filters by
 * the hospital's stream prefixes (and the type); time and actor are checked here, scanning at most
 * SCAN_BUDGET events per page, so a page may come back short with a cursor to go on from.
 */
export async function hospitalEvents(
  store: EventStore,
  hospitalId: string,
  query: HospitalEventsQuery,
): Promise<{ items: AuditedEvent[]; nextCursor: string | null }> {
  const items: AuditedEvent[] = [];
  let after = query.after;
  let scanned = 0;
  const filter = {
    streamPrefixes: hospitalStreamPrefixes(hospitalId),
    ...(query.type ? { eventTypePrefixes: [query.type] } : {}),
  };
  for (;;) {
    const batch = await store.readAll({ after, filter, maxCount: BATCH });
    for (const record of batch) {
      after = record.position;
      scanned += 1;
      const event = envelopeFromRecorded(record);
      const at = Date.parse(event.occurredAt);
      // Defence in depth: the prefix filter already scoped it, the envelope must agree.
      if (event.hospitalId !== hospitalId) continue;
      if (query.type && event.type !== query.type) continue;
      if (query.actorId && event.actor.id !== query.actorId) continue;
      if (query.from !== undefined && at < query.from) continue;
      if (query.to !== undefined && at > query.to) continue;
      items.push(event as AuditedEvent);
      if (items.length === query.limit) return { items, nextCursor: String(after) };
    }
    if (batch.length < BATCH) return { items, nextCursor: null };
    if (scanned >= SCAN_BUDGET) return { items, nextCursor: String(after) };
  }
}
