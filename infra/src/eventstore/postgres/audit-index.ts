import type { HospitalEventsQuery } from '../port.js';
import { quoteIdent } from './schema.js';

/**
 * The auditors' indexes: a hospital's events by position, and by actor, type and occurredAt within
 * the hospital. Expression indexes over the metadata the writer stored (`hospitalId`, `actor.id`,
 * `occurredAt`), so the append function and the rows stay as they are. `text::json` and `->>`
 * are immutable; `json` (not `jsonb`) accepts any JSON.stringify output, \u0000 included.
 */
/**
 * PostgreSQL's json operators refuse a string holding the escape \u0000 anywhere in the document
 * ("unsupported Unicode escape sequence"), which the store accepts and round-trips: such metadata
 * (never an envelope's: its ids and times are validated) is left out of the indexes (NULL), so the
 * append never fails on it.
 */
const field = (path: string) => `(CASE WHEN strpos(metadata, '\\u0000') = 0 THEN (metadata::json) ${path} END)`;
export const HOSPITAL = field(`->> 'hospitalId'`);
export const ACTOR = field(`-> 'actor' ->> 'id'`);
export const OCCURRED_AT = field(`->> 'occurredAt'`);

export const AUDIT_INDEXES = {
  events_hospital_position: `${HOSPITAL}, position`,
  events_hospital_actor_position: `${HOSPITAL}, ${ACTOR}, position`,
  events_hospital_type_position: `${HOSPITAL}, type, position`,
  events_hospital_occurred_position: `${HOSPITAL}, ${OCCURRED_AT}, position`,
} as const;

/**
 * CREATE INDEX IF NOT EXISTS for each: on a schema made before them, the first start after the
 * upgrade builds them over the existing rows (minutes at tens of millions of events; writes wait).
 */
export function auditIndexesSql(schema: string): string[] {
  const s = quoteIdent(schema);
  return Object.entries(AUDIT_INDEXES).map(
    ([name, columns]) => `CREATE INDEX IF NOT EXISTS ${quoteIdent(name)} ON ${s}.events (${columns})`,
  );
}

/**
 * One page, keyset on position. Every filter is an equality or range on an indexed expression
 * after the hospital, so PostgreSQL walks one index in position order (or the occurredAt range)
 * and stops at the page: the work grows with the page and the matches skipped over, not with the
 * hospital's history.
 */
export function hospitalEventsSql(schema: string, query: HospitalEventsQuery): { text: string; values: unknown[] } {
  const values: unknown[] = [query.hospitalId, query.after];
  const where = [`${HOSPITAL} = $1`, 'position > $2'];
  const add = (clause: (param: string) => string, value: unknown) => {
    values.push(value);
    where.push(clause(`$${values.length}`));
  };
  if (query.type !== undefined) add((p) => `type = ${p}`, query.type);
  if (query.actorId !== undefined) add((p) => `${ACTOR} = ${p}`, query.actorId);
  if (query.occurredFrom !== undefined) add((p) => `${OCCURRED_AT} >= ${p}`, query.occurredFrom);
  if (query.occurredTo !== undefined) add((p) => `${OCCURRED_AT} <= ${p}`, query.occurredTo);
  values.push(query.maxCount);
  // With a time range, `position + 0`: no index then gives the order, so PostgreSQL takes the
  // range from the occurredAt index and sorts just those. Ordered by `position` it may instead walk
  // the primary key from the oldest event, filtering time as it goes, hoping to fill the page early
  // — a guess from its statistics that, for a range of recent events (past the histogram ANALYZE
  // last saw), reads the hospital's whole history: the CI test's plan check caught it choosing so
  // about one run in two. The cost is then bounded by the events in the range, not the history.
  const order = query.occurredFrom !== undefined || query.occurredTo !== undefined ? 'position + 0' : 'position';
  return {
    text: `SELECT * FROM ${quoteIdent(schema)}.events WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT $${values.length}`,
    values,
  };
}
