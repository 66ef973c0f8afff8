import type { AuditableAggregates } from '../shared/auditable.js';
import { patientAggregate } from './patient.js';

/**
 * The patients module's public entry on the write side: what other modules, the command server
 * and the auditors' state-as-of may use. Pure: states, evolve, deciders' specs; no I/O.
 */
export type { PatientStayEvent, PatientsEvent, PatientsEventNamed } from './events.js';
export { patientKeyAggregate } from './identity-keys.js';
export { mrnRegistryAggregate } from './mrn.js';
export { type PatientState, patientAggregate } from './patient.js';
export { patientsModule } from './routes.js';
export { PATIENT_RULES } from './rules.js';
/** Each command spec by name (for process managers and tests that send one command). */
export * as patientsSpecs from './specs.js';
export { patientsCommands } from './specs.js';

/** What an auditor can fold to a state as of a time: the patient record. */
export const aggregates: AuditableAggregates<'patients'> = { patient: patientAggregate };
