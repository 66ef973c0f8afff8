/** The inventory module's plug-ins for the scripts: workload generator, bench freshness read, e2e scenario. */
export { inventoryFreshnessRead } from './freshness.js';
export { inventoryScenario } from './scenario.js';
export { inventoryWorkload } from './workload.js';
