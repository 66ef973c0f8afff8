/** The laboratory module's plug-ins for the scripts: workload generator, bench freshness read, e2e scenario. */
export { laboratoryFreshnessRead } from './freshness.js';
export { laboratoryScenario } from './scenario.js';
export { laboratoryWorkload } from './workload.js';
