export * from './envelope-factory.js';
export * from './fixture-events.js';
