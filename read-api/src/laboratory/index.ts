/** The laboratory module's public entry on the read side. */

export { laboratoryGauges } from './metrics.js';
export { laboratoryRoutes } from './routes.js';
