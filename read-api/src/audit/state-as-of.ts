import { auditableAggregates } from '@chartline/commands';
import { decodeRecorded } from '@chartline/events';
import { badRequest, type RecordedEvent } from '@chartline/infra';

/**
 * Aggregates whose state an auditor can ask for, folded with the write side's own `evolve` (the
 * pure domain entry point of @chartline/commands): the state shown is the state the deciders saw.
 * Each module declares its auditable aggregates once (`aggregates` from its index, keyed by the
 * manifest); this fold is built from them.
 */
const AGGREGATES = auditableAggregates;
export const AUDITABLE_AGGREGATES = Object.keys(AGGREGATES);

export interface StateAsOf {
  readonly revision: number;
  readonly position: number;
  readonly recordedAt: string;
  readonly state: unknown;
}

/**
 * Folds a stream's history up to a revision or a time. "As of T" means what the system knew at T:
 * events recorded at or before T (recordedAt: the writer's clock just before the append, covered
 * by the hash from chain version 2, so a changed recordedAt fails verification), not the clinical
 * time they describe. Personal fields stay encrypted: no rule depends on them, so the state does not either.
 * Returns undefined when the stream had no event yet by then.
 */
export function foldAsOf(
  aggregate: string,
  records: readonly RecordedEvent[],
  limit: { readonly revision?: number | undefined; readonly asOf?: string | undefined },
): StateAsOf | undefined {
  const definition = AGGREGATES[aggregate];
  if (!definition) {
    throw badRequest('not-auditable', `State can be folded for ${AUDITABLE_AGGREGATES.join(', ')} streams only.`);
  }
  const until = limit.asOf === undefined ? undefined : Date.parse(limit.asOf);
  let state = definition.initialState;
  let last: RecordedEvent | undefined;
  for (const record of records) {
    if (limit.revision !== undefined && record.revision > limit.revision) break;
    if (until !== undefined && Date.parse(record.recordedAt) > until) break;
    const decoded = decodeRecorded(record);
    state = definition.evolve(state, { type: decoded.definition.name, data: decoded.data });
    last = record;
  }
  return last ? { revision: last.revision, position: last.position, recordedAt: last.recordedAt, state } : undefined;
}
