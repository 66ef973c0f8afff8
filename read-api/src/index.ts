export { readApiDocument } from './openapi/document.js';
export { createReadApp, type ReadAppDeps } from './server/app.js';
export { type HospitalStatusOptions, hospitalStatusFromEventStore } from './server/hospital-status.js';
export { QueryCacheCounters } from './server/query-cache.js';
export { readRoutes } from './server/routes.js';
