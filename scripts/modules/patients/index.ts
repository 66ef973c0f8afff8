/** The patients module's plug-ins for the scripts: workload generator, bench freshness read, e2e scenario. */

export { patientsFreshnessRead } from './freshness.js';
export { patientsScenario } from './scenario.js';
export { patientsWorkload } from './workload.js';
