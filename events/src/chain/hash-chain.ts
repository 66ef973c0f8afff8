import { createHash } from 'node:crypto';
import { type EventEnvelope, GENESIS_HASH, type HashedFields } from '../envelope.js';
import { canonicalJson } from './canonical-json.js';

/**
 * The fields the hash covers, named one by one: hashing "whatever the object holds" would let a
 * stray property (added by a decoder, a framework, a spread) change the hash of an unchanged event.
 */
const HASHED_KEYS = [
  'eventId',
  'type',
  'schemaVersion',
  'streamId',
  'revision',
  'hospitalId',
  'occurredAt',
  'actor',
  'correlationId',
  'causationId',
  'traceparent',
  'prevHash',
  'data',
] as const satisfies readonly (keyof HashedFields)[];

/** sha256(prevHash ‖ canonical JSON of what the writer knew), hex. */
export function hashEvent(fields: HashedFields<unknown>): string {
  const hashed: Record<string, unknown> = {};
  for (const key of HASHED_KEYS) hashed[key] = fields[key];
  // Stored as null when absent, so absent and null must hash alike.
  hashed['traceparent'] = fields.traceparent ?? null;
  hashed['actor'] = { id: fields.actor?.id, role: fields.actor?.role };
  return createHash('sha256').update(fields.prevHash).update(canonicalJson(hashed)).digest('hex');
}

/** The event with its hash: what the writer appends (the store adds position and recordedAt). */
export function sealHashed<D>(fields: HashedFields<D>): Omit<EventEnvelope<D>, 'position' | 'recordedAt'> {
  return { ...fields, hash: hashEvent(fields) };
}

export type ChainBreak = 'altered' | 'removed-or-reordered' | 'wrong-stream';

export type ChainVerdict =
  | { readonly ok: true; readonly events: number; readonly headHash: string }
  | { readonly ok: false; readonly firstBadRevision: number; readonly reason: ChainBreak };

/**
 * Verifies one stream's events, in the order given, from revision 0. Names the first revision
 * that is wrong: its content no longer matches its hash (altered), or it does not follow the
 * event before it (an event was removed or the order changed), or it belongs to another stream.
 *
 * An attacker who rewrites an event and every hash after it leaves a self-consistent chain; only
 * `headHash`, compared with a copy kept elsewhere (an anchor), catches that.
 */
export function verifyChain(events: readonly EventEnvelope<unknown>[]): ChainVerdict {
  let prevHash = GENESIS_HASH;
  let streamId: string | undefined;
  for (const [index, event] of events.entries()) {
    streamId ??= event.streamId;
    if (event.streamId !== streamId) return { ok: false, firstBadRevision: index, reason: 'wrong-stream' };
    if (event.revision !== index || event.prevHash !== prevHash) {
      return { ok: false, firstBadRevision: index, reason: 'removed-or-reordered' };
    }
    if (hashEvent(event) !== event.hash) return { ok: false, firstBadRevision: index, reason: 'altered' };
    prevHash = event.hash;
  }
  return { ok: true, events: events.length, headHash: prevHash };
}
