export * from './access-grants.js';
export * from './read-model.js';
export * from './shift-time.js';
