export * from './apply-all.js';
export * from './collect.js';
export * from './hospital-history.js';
export * from './projection-spec.js';
