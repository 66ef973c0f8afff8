export * from './eventstore/errors.js';
export * from './eventstore/port.js';
