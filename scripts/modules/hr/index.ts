/** The hr module's plug-ins for the scripts: workload generator, bench freshness read, e2e scenario. */
export { hrFreshnessRead } from './freshness.js';
export { hrScenario } from './scenario.js';
export { GOVERNED_DEMO_USERS, HR_ROSTER_START, hrWorkload } from './workload.js';
