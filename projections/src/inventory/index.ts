/** The inventory module's public entry on the projection side. */
export { inventoryProjection } from './projection.js';
export {
  INVENTORY_ITEMS,
  INVENTORY_LEDGER,
  INVENTORY_LOCATIONS,
  INVENTORY_STOCK_LEVELS,
  INVENTORY_STOCK_LOTS,
  INVENTORY_TRANSFERS,
  inventoryViews,
} from './views.js';
