export * from './config/env.js';
export * as envVars from './config/variables.js';
export * from './eventstore/errors.js';
export * from './eventstore/port.js';
