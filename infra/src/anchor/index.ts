export * from './anchor-run.js';
export * from './anchor-store.js';
export * from './checkpoint.js';
export * from './config.js';
export * from './file-anchor-store.js';
export * from './postgres-anchor-store.js';
export * from './stream-heads.js';
export * from './verify-anchor.js';
