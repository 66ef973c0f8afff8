/** The inventory module's public entry on the read side. */
export { inventoryRoutes } from './routes.js';
