import type { AuditableAggregates } from '../shared/auditable.js';
import { bedAggregate } from './bed.js';
import { stayAggregate } from './stay.js';
import { wardAggregate } from './ward.js';

/**
 * The admissions module's public entry on the write side: what other modules, the command server
 * and the auditors' state-as-of may use. Pure: states, evolve, deciders' specs; no I/O.
 */
export { type BedState, bedAggregate } from './bed.js';
export type { AdmissionsEvent, AdmissionsEventNamed } from './events.js';
export { dischargeOnDeath } from './process-managers/discharge-on-death.js';
export { admissionsModule } from './routes.js';
export { ADMISSION_RULES } from './rules.js';
/** Each command spec by name (for process managers and tests that send one command). */
export * as admissionsSpecs from './specs.js';
export { admissionsCommands, defineWard } from './specs.js';
export { type StayState, stayAggregate } from './stay.js';
export { type WardState, wardAggregate } from './ward.js';

/** What an auditor can fold to a state as of a time: stays, beds and wards. */
export const aggregates: AuditableAggregates<'admissions'> = {
  stay: stayAggregate,
  bed: bedAggregate,
  ward: wardAggregate,
};
