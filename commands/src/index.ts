/**
 * The pure domain entry point of @chartline/commands (states, evolve, deciders' specs; no I/O):
 * the one part of the write side the read API's auditors may import.
 */

export { ADMISSION_RULES, admissionsCommands, bedAggregate, stayAggregate, wardAggregate } from './admissions/index.js';
export { auditableAggregates, moduleAggregates } from './aggregates.js';
export {
  DEFAULT_HOSPITAL_SETTINGS,
  HOSPITALS_RULES,
  type HospitalSettings,
  type HospitalSettingsInForce,
  type HospitalState,
  hospitalAggregate,
  hospitalStreamId,
  settingsInForce,
} from './hospitals/index.js';
export {
  mrnRegistryAggregate,
  PATIENT_RULES,
  patientAggregate,
  patientKeyAggregate,
  patientsCommands,
} from './patients/index.js';
export * from './shared/auditable.js';
export * from './shared/command-spec.js';
export * from './shared/decider.js';
export * from './shared/define-command.js';
