import { envelopeFromRecorded } from '@chartline/events';
import type { EventStore, RecordedEvent } from '@chartline/infra';
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
export const SCAN_BUDGET = 5_000;

/**
 * A hospital's events in position order, filtered by time, type and actor.
 *
 * A store that indexes them (PostgreSQL: `readHospitalEvents`, indexes by hospital, actor, type
 * and occurredAt) answers each page from its indexes: a full page, or the end, whatever the
 * hospital's history. Other stores filter by the hospital's stream prefixes (and the type); time
 * and actor are checked here, scanning at most SCAN_BUDGET events per page, so a page may come
 * back short with a cursor to go on from.
 */
export async function hospitalEvents(
  store: EventStore,
  hospitalId: string,
  query: HospitalEventsQuery,
): Promise<{ items: AuditedEvent[]; nextCursor: string | null }> {
  const indexed = store.readHospitalEvents?.bind(store);
  if (indexed) return indexedPage(indexed, hospitalId, query);
  return scannedPage(store, hospitalId, query);
}

/** Keeps an event that is the hospital's and within the filters (the store's word is checked). */
function matches(hospitalId: string, query: HospitalEventsQuery, record: RecordedEvent): AuditedEvent | null {
  const event = envelopeFromRecorded(record);
  const at = Date.parse(event.occurredAt);
  // Defence in depth: the store scoped it, the envelope must agree.
  if (event.hospitalId !== hospitalId) return null;
  if (query.type && event.type !== query.type) return null;
  if (query.actorId && event.actor.id !== query.actorId) return null;
  if (query.from !== undefined && at < query.from) return null;
  if (query.to !== undefined && at > query.to) return null;
  return event as AuditedEvent;
}

async function indexedPage(
  read: NonNullable<EventStore['readHospitalEvents']>,
  hospitalId: string,
  query: HospitalEventsQuery,
): Promise<{ items: AuditedEvent[]; nextCursor: string | null }> {
  // One more than the page: whether a next page exists is known without another request.
  const records = await read({
    hospitalId,
    after: query.after,
    maxCount: query.limit + 1,
    type: query.type,
    actorId: query.actorId,
    occurredFrom: query.from === undefined ? undefined : new Date(query.from).toISOString(),
    occurredTo: query.to === undefined ? undefined : new Date(query.to).toISOString(),
  });
  const page = records.slice(0, query.limit);
  const items = page.map((record) => matches(hospitalId, query, record)).filter((e): e is AuditedEvent => e !== null);
  const last = page[page.length - 1];
  return { items, nextCursor: records.length > query.limit && last ? String(last.position) : null };
}

async function scannedPage(
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
      const event = matches(hospitalId, query, record);
      if (!event) continue;
      items.push(event);
      if (items.length === query.limit) return { items, nextCursor: String(after) };
    }
    if (batch.length < BATCH) return { items, nextCursor: null };
    if (scanned >= SCAN_BUDGET) return { items, nextCursor: String(after) };
  }
}
