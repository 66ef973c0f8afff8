/** The hr module's public entry on the read side. */

export { hrGauges, understaffing } from './metrics.js';
export { hrRoutes } from './routes.js';
