/**
 * The shared kernel: what the command side, the projections and the read API agree on, declared
 * once below them. Pure and without I/O; it depends on @chartline/events only.
 */
export * from './admissions/index.js';
export * from './patients/index.js';
export * from './read-model.js';
export * from './roles.js';
