import type { ModuleScenario } from '../../e2e/scenario-context.js';

/** The billing module's part of the end-to-end scenario: none yet (an empty part is allowed). */
export const billingScenario: ModuleScenario = {};
