export * from './chain/canonical-json.js';
export * from './chain/hash-chain.js';
export * from './envelope.js';
export * from './modules/index.js';
export * from './schema/avro-types.js';
export * from './schema/define-event.js';
