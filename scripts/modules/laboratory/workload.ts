import type { ModuleWorkloadFactory } from '../../generate/hospital-world.js';

/**
 * The laboratory module's share of a simulated hospital day: nothing yet. Add steps with world.step (and
 * draw from world.random, the stream every module shares) when the module has real commands.
 */
export const laboratoryWorkload: ModuleWorkloadFactory = () => ({});
