import type { ModuleFreshnessReads } from '../bench/freshness-read.js';
import type { ModuleScenarios } from '../e2e/scenario-context.js';
import type { ModuleWorkloads } from '../generate/hospital-world.js';
import { admissionsFreshnessRead, admissionsScenario, admissionsWorkload } from './admissions/index.js';
import { auditScenario } from './audit/index.js';
import { patientsFreshnessRead, patientsScenario, patientsWorkload } from './patients/index.js';

/**
 * Each module's plug-ins for the scripts, keyed by the manifest: a module with commands and no
 * workload does not compile. The generator runs them in manifest order on one random stream.
 */
export const moduleWorkloads: ModuleWorkloads = {
  patients: patientsWorkload,
  admissions: admissionsWorkload,
};

/** The read that shows each module's command took effect, for the bench's freshness figure. */
export const moduleFreshnessReads: ModuleFreshnessReads = {
  patients: patientsFreshnessRead,
  admissions: admissionsFreshnessRead,
};

/** Each module's part of the end-to-end scenario (scripts/e2e/scenario.ts runs them phase by phase). */
export const moduleScenarios: ModuleScenarios = {
  patients: patientsScenario,
  admissions: admissionsScenario,
  audit: auditScenario,
};
