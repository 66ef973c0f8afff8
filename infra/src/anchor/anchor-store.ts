import type { SignedAnchor } from './checkpoint.js';

/**
 * Where signed anchors are kept: outside the event store, written by the anchoring job alone and
 * never rewritten (PostgreSQL with its own database and credentials, a trigger refusing UPDATE
 * and DELETE; an append-only file when embedded). Production copies them to WORM storage too.
 */
export interface AnchorStore {
  /** Idempotent: an anchor of the same hospital and position already kept is not written again. */
  append(anchor: SignedAnchor): Promise<boolean>;
  /** The newest anchor of a hospital (highest position), as kept. */
  latest(hospitalId: string): Promise<SignedAnchor | undefined>;
  /** Every anchor, oldest first (for export to WORM storage and for audits). */
  all(): Promise<SignedAnchor[]>;
  close(): Promise<void>;
}
