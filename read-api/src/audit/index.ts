/** The audit module's public entry on the read side: the auditors' routes and the access log. */
export { accessStreamId, recordAccess, staffAccessStreamId } from './access-log.js';
export { AUDITORS, auditRoutes } from './routes.js';
