import { createHash } from 'node:crypto';
import { type EventEnvelope, GENESIS_HASH, type HashedFields } from '../envelope.js';
import { canonicalJson } from './canonical-json.js';

/** sha256(prevHash ‖ canonical JSON of what the writer knew), hex. */
export function hashEvent(fields: HashedFields<unknown>): string {
  const { prevHash, ...rest } = fields;
  return createHash('sha256')
    .update(prevHash)
    .update(canonicalJson({ ...rest, prevHash }))
    .digest('hex');
}

export type ChainBreak = 'altered' | 'removed-or-reordered' | 'wrong-stream';

export type ChainVerdict =
  | { readonly ok: true; readonly events: number; readonly headHash: string }
  | { readonly ok: false; readonly firstBadRevision: number; readonly reason: ChainBreak };

/**
 * Verifies one stream's events, in the order given, from revision 0. Names the first revision
 * that is wrong: its content no longer matches its hash (altered), or it does not follow the
 * event before it (an event was removed or the order changed).
 */
export function verifyChain(events: readonly EventEnvelope<unknown>[]): ChainVerdict {
  let prevHash = GENESIS_HASH;
  let streamId: string | undefined;
  for (const [index, event] of events.entries()) {
    streamId ??= event.streamId;
    if (event.streamId !== streamId) return { ok: false, firstBadRevision: event.revision, reason: 'wrong-stream' };
    if (event.revision !== index || event.prevHash !== prevHash) {
      return { ok: false, firstBadRevision: index, reason: 'removed-or-reordered' };
    }
    const { position: _p, recordedAt: _r, hash, ...fields } = event;
    if (hashEvent(fields) !== hash) return { ok: false, firstBadRevision: event.revision, reason: 'altered' };
    prevHash = hash;
  }
  return { ok: true, events: events.length, headHash: prevHash };
}
