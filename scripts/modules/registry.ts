/**
 * Each module's plug-ins for the scripts (workload generator, bench freshness read, e2e scenario),
 * keyed by the manifest: generated from it (`npm run generate`) out of each module folder's
 * `<module>Workload`, `<module>FreshnessRead` and `<module>Scenario`, so a module with commands and
 * no workload does not compile. The generator runs the workloads in manifest order on one random stream.
 */
export { moduleFreshnessReads, moduleScenarios, moduleWorkloads } from './plug-ins.generated.js';
