import { createHash } from 'node:crypto';
import { type EventEnvelope, GENESIS_HASH, type HashedFields } from '../envelope.js';
import { canonicalJson } from './canonical-json.js';

/** The hash rule every writer seals with today. docs/events.md specifies each version. */
export const CHAIN_VERSION = 2;

/**
 * The fields each chain version covers, named one by one: hashing "whatever the object holds"
 * would let a stray property (added by a decoder, a framework, a spread) change the hash of an
 * unchanged event. Version 1 (the first release) left `recordedAt` out because the store assigned
 * it; but "state as of T" reads by it, so version 2 has the writer assign it and covers it, and
 * covers `chainVersion` too so an event cannot be passed off under the older, weaker rule.
 */
const HASHED_KEYS = {
  1: [
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
  ],
  2: [
    'eventId',
    'type',
    'schemaVersion',
    'streamId',
    'revision',
    'hospitalId',
    'occurredAt',
    'recordedAt',
    'actor',
    'correlationId',
    'causationId',
    'traceparent',
    'prevHash',
    'chainVersion',
    'data',
  ],
} as const satisfies Record<number, readonly (keyof HashedFields)[]>;

export const CHAIN_VERSIONS = Object.keys(HASHED_KEYS).map(Number);

/** What `recordedAt` must look like under version 2: exactly `Date.prototype.toISOString()`. */
export const RECORDED_AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export class UnknownChainVersion extends Error {
  constructor(readonly chainVersion: unknown) {
    super(`unknown hash chain version ${String(chainVersion)}`);
    this.name = 'UnknownChainVersion';
  }
}

/** The exact bytes (before the prevHash prefix) the hash of a version covers. */
export function hashInput(fields: HashedFields<unknown>): string {
  const version = fields.chainVersion ?? 1;
  const keys: readonly (keyof HashedFields)[] | undefined = HASHED_KEYS[version as keyof typeof HASHED_KEYS];
  if (!keys) throw new UnknownChainVersion(version);
  const hashed: Record<string, unknown> = {};
  for (const key of keys) hashed[key] = fields[key];
  // Stored as null when absent, so absent and null must hash alike.
  hashed['traceparent'] = fields.traceparent ?? null;
  hashed['actor'] = { id: fields.actor?.id, role: fields.actor?.role };
  // Left out, an undefined recordedAt would silently hash like a version without it.
  if (version >= 2 && typeof fields.recordedAt !== 'string') throw new TypeError('chain v2: recordedAt missing');
  return canonicalJson(hashed);
}

/** sha256(prevHash ‖ canonical JSON of the fields its chain version covers), hex. */
export function hashEvent(fields: HashedFields<unknown>): string {
  return createHash('sha256').update(fields.prevHash).update(hashInput(fields)).digest('hex');
}

/** The event with its hash: what the writer appends (the store adds the position). */
export function sealHashed<D>(fields: HashedFields<D>): Omit<EventEnvelope<D>, 'position'> {
  return { ...fields, hash: hashEvent(fields) };
}

export const CHAIN_BREAKS = ['altered', 'removed-or-reordered', 'wrong-stream', 'chain-version-downgraded'] as const;
export type ChainBreak = (typeof CHAIN_BREAKS)[number];

export type ChainVerdict =
  | { readonly ok: true; readonly events: number; readonly headHash: string }
  | { readonly ok: false; readonly firstBadRevision: number; readonly reason: ChainBreak };

/**
 * Verifies one stream's events, in the order given, from revision 0. Names the first revision
 * that is wrong: its content no longer matches its hash (altered, or a chain version this reader
 * does not know), or it does not follow the event before it (an event was removed or the order
 * changed), or it belongs to another stream, or it claims an older hash rule than an event before
 * it (writers only move forward, so that is a head rewritten under the weaker rule).
 *
 * An attacker who rewrites an event and every hash after it leaves a self-consistent chain; only
 * `headHash`, compared with a copy kept elsewhere (an anchor), catches that.
 */
export function verifyChain(events: readonly EventEnvelope<unknown>[]): ChainVerdict {
  let prevHash = GENESIS_HASH;
  let streamId: string | undefined;
  let version = 1;
  for (const [index, event] of events.entries()) {
    streamId ??= event.streamId;
    if (event.streamId !== streamId) return { ok: false, firstBadRevision: index, reason: 'wrong-stream' };
    if (event.revision !== index || event.prevHash !== prevHash) {
      return { ok: false, firstBadRevision: index, reason: 'removed-or-reordered' };
    }
    const eventVersion = event.chainVersion ?? 1;
    if (eventVersion < version) return { ok: false, firstBadRevision: index, reason: 'chain-version-downgraded' };
    version = eventVersion;
    let hash: string;
    try {
      hash = hashEvent(event);
    } catch (error) {
      if (error instanceof UnknownChainVersion || error instanceof TypeError)
        return { ok: false, firstBadRevision: index, reason: 'altered' };
      throw error;
    }
    if (hash !== event.hash) return { ok: false, firstBadRevision: index, reason: 'altered' };
    prevHash = event.hash;
  }
  return { ok: true, events: events.length, headHash: prevHash };
}
