import { ItemCodeClaimed } from './item-code-claimed.js';
import { ItemDefined } from './item-defined.js';
import { ItemUpdated } from './item-updated.js';
import { LocationDefined } from './location-defined.js';
import { LotExpired } from './lot-expired.js';
import { LotNearingExpiry } from './lot-nearing-expiry.js';
import { StockAdjusted } from './stock-adjusted.js';
import { StockDispatched } from './stock-dispatched.js';
import { StockDisposed } from './stock-disposed.js';
import { StockFellBelowReorderLevel } from './stock-fell-below-reorder-level.js';
import { StockIssuedToPatient } from './stock-issued-to-patient.js';
import { StockIssuedToWard } from './stock-issued-to-ward.js';
import { StockLevelsSet } from './stock-levels-set.js';
import { StockPointRegistered } from './stock-point-registered.js';
import { StockReceived } from './stock-received.js';
import { StockReceivedFromTransfer } from './stock-received-from-transfer.js';
import { StockReturnedToVendor } from './stock-returned-to-vendor.js';
import { TransferDispatched } from './transfer-dispatched.js';
import { TransferReceived } from './transfer-received.js';

export {
  ItemCodeClaimed,
  ItemDefined,
  ItemUpdated,
  LocationDefined,
  LotExpired,
  LotNearingExpiry,
  StockAdjusted,
  StockDispatched,
  StockDisposed,
  StockFellBelowReorderLevel,
  StockIssuedToPatient,
  StockIssuedToWard,
  StockLevelsSet,
  StockPointRegistered,
  StockReceived,
  StockReceivedFromTransfer,
  StockReturnedToVendor,
  TransferDispatched,
  TransferReceived,
};

/** The inventory module's event definitions. */
export const inventoryEvents = [
  ItemDefined,
  ItemCodeClaimed,
  LocationDefined,
  StockPointRegistered,
  StockLevelsSet,
  StockReceived,
  StockIssuedToPatient,
  StockIssuedToWard,
  StockDispatched,
  StockReceivedFromTransfer,
  StockAdjusted,
  StockReturnedToVendor,
  StockDisposed,
  StockFellBelowReorderLevel,
  LotNearingExpiry,
  LotExpired,
  TransferDispatched,
  TransferReceived,
  ItemUpdated,
] as const;
