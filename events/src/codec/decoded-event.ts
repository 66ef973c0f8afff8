import type { AnyEventDefinition } from '../catalogue.js';
import type { EventEnvelope } from '../envelope.js';

/**
 * What both decoders return. The envelope is kept exactly as written, old `schemaVersion`, old
 * data and `hash` included, because the hash chain covers the stored bytes: lifting the data in
 * place would make every upcast event look altered. The current shape sits beside it in `data`.
 */
export interface DecodedEvent<D = Record<string, unknown>> {
  /** As written; `verifyChain` runs over these. */
  readonly envelope: EventEnvelope;
  /** The data lifted to the definition's current version: what projections and deciders read. */
  readonly data: D;
  readonly definition: AnyEventDefinition;
}
