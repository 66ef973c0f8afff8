export * from './apply-all.js';
export * from './collect.js';
export * from './hospital-history.js';
