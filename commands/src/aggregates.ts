import type { AggregateName, CommandModuleName, ModuleName } from '@chartline/events';
import * as admissions from './admissions/index.js';
import * as patients from './patients/index.js';
import type { AnyAuditableAggregates, AuditableAggregates } from './shared/auditable.js';

/**
 * Every module's auditable aggregates, keyed by the manifest: a module with commands missing here,
 * or an aggregate its manifest entry declares and its index does not export, does not compile.
 */
export const moduleAggregates: { readonly [M in CommandModuleName]: AuditableAggregates<M> } = {
  patients: patients.aggregates,
  admissions: admissions.aggregates,
};

// A module without commands writes no streams of its own, so it can declare nothing to fold.
type DeclaredWithoutCommands = AggregateName<Exclude<ModuleName, CommandModuleName>>;
const noAggregatesWithoutCommands: [DeclaredWithoutCommands] extends [never] ? true : never = true;
void noAggregatesWithoutCommands;

/** Every auditable aggregate by its stream category, as the auditors' fold looks them up. */
export const auditableAggregates: AnyAuditableAggregates = Object.assign(
  {},
  ...Object.values<AnyAuditableAggregates>(moduleAggregates as Record<string, AnyAuditableAggregates>),
);
