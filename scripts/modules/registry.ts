import type { ModuleFreshnessReads } from '../bench/freshness-read.js';
import type { ModuleWorkloads } from '../generate/hospital-world.js';
import { admissionsFreshnessRead, admissionsWorkload } from './admissions/index.js';
import { patientsFreshnessRead, patientsWorkload } from './patients/index.js';

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
