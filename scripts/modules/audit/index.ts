/** The audit module's plug-ins for the scripts: its part of the e2e scenario. */
export { auditScenario } from './scenario.js';
