/** The billing module's plug-ins for the scripts: workload generator, bench freshness read, e2e scenario. */
export { billingFreshnessRead } from './freshness.js';
export { billingScenario } from './scenario.js';
export { billingWorkload } from './workload.js';
