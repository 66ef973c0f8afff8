/** The hospitals module's public entry on the read side. */
export { hospitalsRoutes } from './routes.js';
