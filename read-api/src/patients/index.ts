/** The patients module's public entry on the read side. */
export { CLINICAL_READERS, patientsRoutes } from './routes.js';
