import type { AggregateName, ModuleName } from '@chartline/events';
import type { Aggregate, DomainEvent } from './command-spec.js';

/**
 * The aggregates a module lets an auditor fold to a state as of a time, keyed by the names the
 * manifest declares for it: a declared aggregate left out, or one the manifest does not know, does
 * not compile. Each module exports these once (`aggregates` from its index) and the read API's
 * state-as-of is built from them.
 */
export type AuditableAggregates<M extends ModuleName> = {
  // biome-ignore lint/suspicious/noExplicitAny: each aggregate has its own state and events; the fold only needs initialState and evolve
  readonly [A in AggregateName<M>]: Aggregate<any, any>;
};

/** Any module's auditable aggregates, as the fold uses them. */
export type AnyAuditableAggregates = Readonly<Record<string, Aggregate<unknown, DomainEvent>>>;
