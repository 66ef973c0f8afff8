import type { KeyObject } from 'node:crypto';
import { StreamNotFound } from '../eventstore/errors.js';
import type { EventStore } from '../eventstore/port.js';
import { type AnchorCheckpoint, anchorSignatureValid, type SignedAnchor, type StreamHead } from './checkpoint.js';

export interface TruncatedStream {
  readonly streamId: string;
  readonly anchoredRevision: number;
  /** -1 when no event of the stream is left. */
  readonly currentRevision: number;
  /** The revisions the anchor saw that the store no longer holds, inclusive. */
  readonly missingRevisions: { readonly from: number; readonly to: number };
}

export interface MismatchedHead {
  readonly streamId: string;
  readonly revision: number;
  readonly anchoredHash: string;
  readonly storedHash: string;
}

export type AnchorVerdict =
  | { readonly status: 'no-anchor' }
  | { readonly status: 'invalid-signature'; readonly keyId: string; readonly position: number }
  | {
      readonly status: 'ok' | 'broken';
      readonly position: number;
      readonly anchoredAt: string;
      readonly keyId: string;
      readonly streams: number;
      readonly truncated: TruncatedStream[];
      readonly mismatched: MismatchedHead[];
    };

async function checkHead(store: EventStore, head: StreamHead): Promise<TruncatedStream | MismatchedHead | undefined> {
  let last: number;
  try {
    const [tail] = await store.readStream(head.streamId, { direction: 'backwards', maxCount: 1 });
    last = tail ? tail.revision : -1;
  } catch (error) {
    if (!(error instanceof StreamNotFound)) throw error;
    last = -1;
  }
  if (last < head.revision) {
    return {
      streamId: head.streamId,
      anchoredRevision: head.revision,
      currentRevision: last,
      missingRevisions: { from: last + 1, to: head.revision },
    };
  }
  const [at] = await store.readStream(head.streamId, { fromRevision: head.revision, maxCount: 1 });
  const stored = String(at?.metadata['hash'] ?? '');
  return stored === head.hash
    ? undefined
    : { streamId: head.streamId, revision: head.revision, anchoredHash: head.hash, storedHash: stored };
}

/**
 * Compares the store with a hospital's latest anchor: every anchored stream must still reach its
 * anchored revision, with the anchored hash there (a longer stream is fine: it grew since). A
 * stream cut short is reported with the revisions missing; a different hash at the anchored
 * revision means history was rewritten. An anchor whose signature does not verify is refused and
 * nothing is compared against it.
 */
export async function verifyAgainstAnchor(
  store: EventStore,
  anchor: SignedAnchor | undefined,
  publicKey: KeyObject,
  concurrency = 8,
): Promise<AnchorVerdict> {
  if (!anchor) return { status: 'no-anchor' };
  const checkpoint: AnchorCheckpoint = anchor.checkpoint;
  if (!anchorSignatureValid(anchor, publicKey)) {
    return { status: 'invalid-signature', keyId: anchor.keyId, position: checkpoint.position };
  }
  const truncated: TruncatedStream[] = [];
  const mismatched: MismatchedHead[] = [];
  const heads = [...checkpoint.heads];
  const worker = async () => {
    for (let head = heads.shift(); head; head = heads.shift()) {
      const problem = await checkHead(store, head);
      if (problem && 'missingRevisions' in problem) truncated.push(problem);
      else if (problem) mismatched.push(problem);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const byStream = (a: { streamId: string }, b: { streamId: string }) => (a.streamId < b.streamId ? -1 : 1);
  return {
    status: truncated.length || mismatched.length ? 'broken' : 'ok',
    position: checkpoint.position,
    anchoredAt: checkpoint.anchoredAt,
    keyId: anchor.keyId,
    streams: checkpoint.heads.length,
    truncated: truncated.sort(byStream),
    mismatched: mismatched.sort(byStream),
  };
}
