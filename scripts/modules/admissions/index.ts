/** The admissions module's plug-ins for the scripts: workload generator, bench freshness read, e2e scenario. */

export { admissionsFreshnessRead } from './freshness.js';
export { admissionsScenario } from './scenario.js';
export { admissionsWorkload } from './workload.js';
