import type { EventEnvelope } from '../envelope.js';
import { InvalidEnvelope } from '../errors.js';
import { parseStreamId } from '../naming.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;
const HASH = /^[0-9a-f]{64}$/;

const isText = (v: unknown) => typeof v === 'string' && v.length > 0;
const isCount = (v: unknown) => Number.isSafeInteger(v) && (v as number) >= 0;

function hospitalOf(stream: unknown): string | undefined {
  try {
    return typeof stream === 'string' ? parseStreamId(stream).hospitalId : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Checks the envelope fields (not the data, which its schema checks) and throws InvalidEnvelope
 * naming every bad one. `stored` adds the fields the store assigns (position; recordedAt
 * before chain version 2).
 * The stream's hospital must be the envelope's: the Kafka key is the hospital, and an event keyed
 * to another hospital's partition would be read out of order.
 */
export function assertEnvelope(envelope: Partial<EventEnvelope<unknown>>, stored: boolean): void {
  const e = envelope as Record<keyof EventEnvelope, unknown>;
  const actor = e.actor as { id?: unknown; role?: unknown } | null | undefined;
  const checks: [string, boolean][] = [
    ['eventId', typeof e.eventId === 'string' && UUID.test(e.eventId)],
    ['type', isText(e.type)],
    ['schemaVersion', Number.isSafeInteger(e.schemaVersion) && (e.schemaVersion as number) >= 1],
    ['streamId', hospitalOf(e.streamId) !== undefined],
    ['revision', isCount(e.revision)],
    ['hospitalId', isText(e.hospitalId) && hospitalOf(e.streamId) === e.hospitalId],
    ['occurredAt', typeof e.occurredAt === 'string' && UTC.test(e.occurredAt)],
    ['actor.id', isText(actor?.id)],
    ['actor.role', isText(actor?.role)],
    ['correlationId', isText(e.correlationId)],
    ['causationId', isText(e.causationId)],
    ['traceparent', e.traceparent === null || e.traceparent === undefined || isText(e.traceparent)],
    ['prevHash', typeof e.prevHash === 'string' && HASH.test(e.prevHash)],
    ['hash', typeof e.hash === 'string' && HASH.test(e.hash)],
    ['chainVersion', Number.isSafeInteger(e.chainVersion) && (e.chainVersion as number) >= 1],
  ];
  // From chain version 2 the writer assigns recordedAt (and the hash covers it).
  if (stored || (e.chainVersion as number) >= 2) {
    checks.push(['recordedAt', typeof e.recordedAt === 'string' && UTC.test(e.recordedAt)]);
  }
  if (stored) checks.push(['position', isCount(e.position)]);
  const bad = checks.filter(([, ok]) => !ok).map(([field]) => field);
  if (bad.length) throw new InvalidEnvelope(String(e.type), bad);
}
