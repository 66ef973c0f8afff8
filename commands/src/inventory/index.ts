import type { AuditableAggregates } from '../shared/auditable.js';
import { itemAggregate, locationAggregate } from './catalogue.js';
import { stockAggregate } from './stock.js';
import { transferAggregate } from './transfer.js';

/** The inventory module's public entry on the write side. */
export {
  type ItemState,
  itemAggregate,
  type LocationState,
  locationAggregate,
  STOCK_REGISTER_ID,
  stockRegisterAggregate,
} from './catalogue.js';
export { localDate } from './dates.js';
export { INVENTORY_RULES, type InventoryEvent, type InventoryRule } from './decider.js';
export { inventoryModule } from './routes.js';
export * from './specs.js';
export { type StockState, stockAggregate, stockStreamId } from './stock.js';
export { type StockSettings, stockSettings } from './stock-settings.js';
export { type TransferState, transferAggregate } from './transfer.js';

/** What an auditor can fold to a state as of a time. */
export const aggregates: AuditableAggregates<'inventory'> = {
  item: itemAggregate,
  location: locationAggregate,
  stock: stockAggregate,
  transfer: transferAggregate,
};
