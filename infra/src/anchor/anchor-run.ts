import type { KeyObject } from 'node:crypto';
import type { EventStore } from '../eventstore/port.js';
import type { AnchorStore } from './anchor-store.js';
import { type AnchorSigner, sortHeads } from './checkpoint.js';
import { readStreamHeads } from './stream-heads.js';
import { type AnchorVerdict, verifyAgainstAnchor } from './verify-anchor.js';

export interface HospitalAnchorResult {
  readonly hospitalId: string;
  /** anchored: a new checkpoint was kept; unchanged: heads as already anchored; refused: see verdict. */
  readonly outcome: 'anchored' | 'unchanged' | 'refused';
  readonly position: number;
  readonly streams: number;
  /** The check against the previous anchor (refused when it is broken or its signature is bad). */
  readonly previous: AnchorVerdict;
}

/**
 * One anchoring run (`npm run anchor`, a Kubernetes CronJob): read every hospital's stream heads,
 * check them against the hospital's previous anchor, and keep a new signed checkpoint where the
 * heads moved. Idempotent: a second run with nothing new writes nothing. A hospital whose store no
 * longer matches its previous anchor (a stream cut short or rewritten) is not anchored again, so
 * the damage cannot be signed over; the run reports it and the caller exits non-zero.
 */
export async function anchorHospitals(deps: {
  readonly eventStore: EventStore;
  readonly anchors: AnchorStore;
  readonly signer: AnchorSigner;
  /** Verifies previous anchors; the signer's own key unless rotated. */
  readonly publicKey?: KeyObject;
  readonly clock?: () => Date;
}): Promise<HospitalAnchorResult[]> {
  const clock = deps.clock ?? (() => new Date());
  const anchoredAt = clock().toISOString();
  const { position, hospitals } = await readStreamHeads(deps.eventStore);
  const results: HospitalAnchorResult[] = [];
  for (const [hospitalId, heads] of [...hospitals].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const previousAnchor = await deps.anchors.latest(hospitalId);
    const previous = await verifyAgainstAnchor(
      deps.eventStore,
      previousAnchor,
      deps.publicKey ?? deps.signer.publicKey,
    );
    const sorted = sortHeads(heads.values());
    if (previous.status === 'broken' || previous.status === 'invalid-signature') {
      results.push({ hospitalId, outcome: 'refused', position, streams: sorted.length, previous });
      continue;
    }
    const same =
      previousAnchor !== undefined &&
      previousAnchor.checkpoint.heads.length === sorted.length &&
      previousAnchor.checkpoint.heads.every(
        (h, i) =>
          h.streamId === sorted[i]!.streamId && h.revision === sorted[i]!.revision && h.hash === sorted[i]!.hash,
      );
    if (same) {
      results.push({
        hospitalId,
        outcome: 'unchanged',
        position: previousAnchor.checkpoint.position,
        streams: sorted.length,
        previous,
      });
      continue;
    }
    const anchor = deps.signer.sign({ anchorVersion: 1, hospitalId, anchoredAt, position, heads: sorted });
    const written = await deps.anchors.append(anchor);
    results.push({
      hospitalId,
      outcome: written ? 'anchored' : 'unchanged',
      position,
      streams: sorted.length,
      previous,
    });
  }
  return results;
}
