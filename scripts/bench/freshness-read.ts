import type { CommandModuleName } from '@chartline/events';
import type { WorkloadStep } from '../generate/workload.js';
import type { StepAnswer } from './http-steps.js';

/** The read-API path that shows an accepted command's effect, or null when none does. */
export type FreshnessRead = (step: WorkloadStep, answer: StepAnswer) => string | null;

/** Each module's freshness read, keyed by the modules whose commands the workload sends. */
export type ModuleFreshnessReads = { readonly [M in CommandModuleName]: FreshnessRead };
