/** The admissions module's public entry on the read side (stays are admissions', the patient's too). */
export { admissionsRoutes } from './routes.js';
export { admissionsStreams } from './streams.js';
