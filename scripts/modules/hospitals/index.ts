/** The hospitals module's plug-ins for the scripts: workload generator, bench freshness read, e2e scenario. */
export { hospitalsFreshnessRead } from './freshness.js';
export { hospitalsScenario } from './scenario.js';
export { hospitalsWorkload } from './workload.js';
