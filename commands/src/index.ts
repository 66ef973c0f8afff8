export * from './shared/command-spec.js';
export * from './shared/decider.js';
