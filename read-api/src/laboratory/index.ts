/** The laboratory module's public entry on the read side. */
export { laboratoryRoutes } from './routes.js';
