export * from './bus/port.js';
export * from './cache/port.js';
export * from './config/env.js';
export * from './config/processes.js';
export * as envVars from './config/variables.js';
export * from './eventstore/errors.js';
export * from './eventstore/port.js';
export * from './readstore/port.js';
