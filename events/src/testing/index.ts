export * from './envelope-factory.js';
export * from './every-event.js';
export * from './fixture-events.js';
