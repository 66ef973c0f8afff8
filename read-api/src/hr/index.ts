/** The hr module's public entry on the read side. */
export { hrRoutes } from './routes.js';
