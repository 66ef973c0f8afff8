export * from './checkpoint-store.js';
export * from './open-checkpoint-store.js';
export * from './postgres-checkpoint-store.js';
export * from './relay.js';
export * from './sqlite-checkpoint-store.js';
export * from './to-bus-message.js';
