/**
 * The shared kernel: what the command side, the projections and the read API agree on, declared
 * once below them. Pure and without I/O; it depends on @chartline/events only.
 */
// A hospital's local calendar and clock, for every module.
export * from './local-time.js';
// Each module's read-model contract (kernel/src/<module>/), listed from the manifest by `npm run generate`.
export * from './modules.generated.js';
export * from './read-model.js';
export * from './roles.js';
