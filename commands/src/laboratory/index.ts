import type { AuditableAggregates } from '../shared/auditable.js';
import { labPanelAggregate, labTestAggregate } from './catalogue.js';
import { labOrderAggregate } from './order.js';
import { labPatientAggregate } from './patient-data.js';

/**
 * The laboratory module's public entry on the write side: what the command server and the
 * auditors' state-as-of may use. Pure: states, evolve, command specs; no I/O.
 */
export { formatAccessionNumber, isValidAccessionNumber } from './accession.js';
export { type LabPanelState, type LabTestState, labPanelAggregate, labTestAggregate } from './catalogue.js';
export type { LaboratoryEvent, LaboratoryEventNamed } from './events.js';
export { type LabOrderState, labOrderAggregate } from './order.js';
export { type LabPatientState, labPatientAggregate } from './patient-data.js';
export { eraseOnPatientErasure } from './process-managers/erase-on-patient-erasure.js';
export { laboratoryModule } from './routes.js';
export { LABORATORY_RULES } from './rules.js';
/** Each command spec by name (for tests and scripts that send one command). */
export * as laboratorySpecs from './specs.js';
export { laboratoryCommands } from './specs.js';

/** What an auditor can fold to a state as of a time: orders (with specimens and results), the catalogue, erasures. */
export const aggregates: AuditableAggregates<'laboratory'> = {
  labOrder: labOrderAggregate,
  labTest: labTestAggregate,
  labPanel: labPanelAggregate,
  // Whether the patient's personal data was erased in the laboratory (and when).
  labPatient: labPatientAggregate,
};
