/** The hr module's plug-ins for the scripts: workload generator, bench freshness read, e2e scenario. */
export { hrFreshnessRead } from './freshness.js';
export { hrScenario } from './scenario.js';
export { hrWorkload } from './workload.js';
