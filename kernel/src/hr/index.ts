export * from './access-grants.js';
export * from './local-time.js';
export * from './read-model.js';
