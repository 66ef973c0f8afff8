export { readApiDocument } from './openapi/document.js';
export { createReadApp, type ReadAppDeps } from './server/app.js';
export { type HospitalStatusOptions, hospitalStatusFromEventStore } from './server/hospital-status.js';
export { QueryCacheCounters } from './server/query-cache.js';
export { readRoutes } from './server/routes.js';
export { DEFAULT_STREAM_OPTIONS, type StreamOptions, type StreamRoute } from './server/stream-route.js';
export { streamRoutes } from './server/streams.js';
