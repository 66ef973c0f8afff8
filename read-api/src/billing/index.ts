/** The billing module's public entry on the read side. */
export { billingRoutes } from './routes.js';
