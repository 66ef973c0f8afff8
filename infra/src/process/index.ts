export * from './config-check.js';
export * from './jwt-config.js';
export * from './logger.js';
export * from './probe-server.js';
export * from './run-process.js';
export * from './serve-http.js';
