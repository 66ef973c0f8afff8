/**
 * The inventory module's pure decisions: command + loaded states → events, or a broken rule.
 * No clock: the instant and the hospital's local date come with the command.
 */
import type { StayState, WardState } from '../admissions/index.js';
import type { PatientState } from '../patients/index.js';
import type { ItemCodeState, ItemState, LocationState } from './catalogue.js';
import type {
  AdjustStock,
  DefineItem,
  DefineLocation,
  DispatchTransfer,
  DisposeStock,
  IssueStock,
  ReceiveStock,
  ReceiveTransfer,
  ReturnToVendor,
  SetStockLevels,
  SweepExpiry,
  UpdateItem,
} from './commands.js';
import { daysBetween, isExpiredOn } from './dates.js';
import type { InventoryEvent } from './events.js';
import { violate } from './rules.js';
import type { Lot, StockState } from './stock.js';
import type { StockSettings } from './stock-settings.js';
import type { TransferState } from './transfer.js';

export type { InventoryEvent } from './events.js';
export { INVENTORY_RULES, type InventoryRule } from './rules.js';

const NO_LOT = 'NO-LOT';

export function defineItem(c: DefineItem, code: ItemCodeState): { item: InventoryEvent[]; code: InventoryEvent[] } {
  if (code.itemId !== null) violate('item-code-taken', { itemId: code.itemId });
  const { itemId, name, unitOfMeasure, packSize, category, batchTracked, controlledSubstance } = c;
  return {
    item: [
      {
        type: 'ItemDefined',
        data: {
          itemId,
          code: c.code,
          name,
          unitOfMeasure,
          packSize,
          category,
          batchTracked,
          controlledSubstance,
          definedAt: c.at,
        },
      },
    ],
    code: [{ type: 'ItemCodeClaimed', data: { code: c.code, itemId, claimedAt: c.at } }],
  };
}

/** Changes an item's description; the event restates every changeable field and names those changed. */
export function updateItem(c: UpdateItem, item: ItemState): { item: InventoryEvent[] } {
  requireCatalogue(item);
  const next = {
    name: c.name ?? item.name,
    unitOfMeasure: c.unitOfMeasure ?? item.unitOfMeasure,
    packSize: c.packSize ?? item.packSize,
    category: c.category ?? item.category ?? 'medicine',
    batchTracked: c.batchTracked ?? item.batchTracked,
    controlledSubstance: c.controlledSubstance ?? item.controlledSubstance,
  };
  const changedFields = (Object.keys(next) as (keyof typeof next)[]).filter((field) => next[field] !== item[field]);
  if (changedFields.length === 0) violate('item-unchanged');
  return { item: [{ type: 'ItemUpdated', data: { itemId: c.itemId, ...next, changedFields, updatedAt: c.at } }] };
}

export function defineLocation(c: DefineLocation, ward: WardState | null): { location: InventoryEvent[] } {
  if ((c.kind === 'ward_store') !== (c.wardId !== null)) violate('ward-store-needs-ward');
  if (c.wardId !== null && !ward?.defined) violate('ward-not-found', { wardId: c.wardId });
  const { locationId, code, name, kind, wardId } = c;
  return { location: [{ type: 'LocationDefined', data: { locationId, code, name, kind, wardId, definedAt: c.at } }] };
}

function requireCatalogue(item: ItemState, location?: LocationState): void {
  if (!item.defined) violate('item-not-found');
  if (location && !location.defined) violate('location-not-found');
}

/** The register line a command writes when it is the first to touch a stock point. */
const registerIfNew = (isNew: boolean, itemId: string, locationId: string, at: string): InventoryEvent[] =>
  isNew ? [{ type: 'StockPointRegistered', data: { itemId, locationId, registeredAt: at } }] : [];

/** Raised when a movement takes the units on hand below the reorder level, once per crossing. */
function reorderCrossing(stock: StockState, onHandAfter: number, reorderLevel: number, at: string): InventoryEvent[] {
  if (stock.belowReorderRaised || reorderLevel <= 0 || onHandAfter >= reorderLevel) return [];
  const { itemId, locationId } = stock;
  if (itemId === null || locationId === null) return [];
  return [
    {
      type: 'StockFellBelowReorderLevel',
      data: { itemId, locationId, onHand: onHandAfter, reorderLevel, crossedAt: at },
    },
  ];
}

export function setStockLevels(
  c: SetStockLevels,
  stock: StockState,
  isNew: boolean,
  item: ItemState,
  location: LocationState,
): { stock: InventoryEvent[]; register: InventoryEvent[] } {
  requireCatalogue(item, location);
  if (c.maximumLevel !== null && c.maximumLevel < c.reorderLevel) violate('maximum-below-reorder-level');
  const { itemId, locationId, reorderLevel, maximumLevel } = c;
  // Still below a level already raised is the same crossing; a new level above the stock is a new one.
  const point = {
    ...stock,
    itemId,
    locationId,
    belowReorderRaised: stock.belowReorderRaised && stock.onHand < reorderLevel,
  };
  return {
    stock: [
      { type: 'StockLevelsSet', data: { itemId, locationId, reorderLevel, maximumLevel, setAt: c.at } },
      ...reorderCrossing(point, stock.onHand, reorderLevel, c.at),
    ],
    register: registerIfNew(isNew, itemId, locationId, c.at),
  };
}

export function receiveStock(
  c: ReceiveStock,
  stock: StockState,
  isNew: boolean,
  item: ItemState,
  location: LocationState,
  settings: StockSettings,
): { stock: InventoryEvent[]; register: InventoryEvent[] } {
  requireCatalogue(item, location);
  if (item.batchTracked && c.lotNumber === null) violate('lot-number-required');
  if (isExpiredOn(c.expiryDate, settings.today)) violate('lot-already-expired', { expiryDate: c.expiryDate ?? '' });
  const { itemId, locationId, lotId, receiptId, expiryDate, quantity, unitCostMinor, supplier } = c;
  // Costs are in the hospital's currency, fixed at its registration, so every lot of a stock point shares it.
  const { currency } = settings;
  return {
    stock: [
      {
        type: 'StockReceived',
        data: {
          itemId,
          locationId,
          lotId,
          lotNumber: c.lotNumber ?? NO_LOT,
          expiryDate,
          unitCostMinor,
          currency,
          quantity,
          onHandAfter: stock.onHand + quantity,
          receiptId,
          supplier,
          receivedAt: c.at,
        },
      },
    ],
    register: registerIfNew(isNew, itemId, locationId, c.at),
  };
}

export interface PickedLot {
  readonly lot: Lot;
  readonly quantity: number;
}

/**
 * First expiry, first out: lots that have not expired, earliest expiry first (lots without an
 * expiry last), then in order of arrival. Expired lots are never picked; when only they could
 * cover the request, the refusal says so.
 */
export function pickFirstExpiryFirstOut(stock: StockState, quantity: number, today: string): PickedLot[] {
  const lots = Object.values(stock.lots).filter((lot) => lot.quantity > 0);
  const usable = lots
    .filter((lot) => !isExpiredOn(lot.expiryDate, today))
    .sort(
      (a, b) => (a.expiryDate ?? '9999-12-31').localeCompare(b.expiryDate ?? '9999-12-31') || a.arrival - b.arrival,
    );
  const available = usable.reduce((sum, lot) => sum + lot.quantity, 0);
  if (available < quantity) {
    const expired = lots.reduce((sum, lot) => sum + (isExpiredOn(lot.expiryDate, today) ? lot.quantity : 0), 0);
    const details = { requested: quantity, available, expired };
    if (available + expired >= quantity) violate('expired-stock-not-issuable', details);
    violate('insufficient-stock', details);
  }
  const picked: PickedLot[] = [];
  let left = quantity;
  for (const lot of usable) {
    if (left === 0) break;
    const take = Math.min(left, lot.quantity);
    picked.push({ lot, quantity: take });
    left -= take;
  }
  return picked;
}

/** The lot fields and running balance of each picked line, in order. */
function lotLines(stock: StockState, picked: readonly PickedLot[], currency: string) {
  let onHand = stock.onHand;
  return picked.map(({ lot, quantity }) => {
    onHand -= quantity;
    return {
      lotId: lot.lotId,
      lotNumber: lot.lotNumber,
      expiryDate: lot.expiryDate,
      unitCostMinor: lot.unitCostMinor,
      currency,
      quantity,
      onHandAfter: onHand,
    };
  });
}

/** Nothing was ever received here: there is nothing to issue or send. */
function requireStockPoint(stock: StockState, requested: number): { currency: string } {
  if (stock.currency === null) {
    return violate('insufficient-stock', { requested, available: 0, expired: 0 });
  }
  return { currency: stock.currency };
}

/** What an issue to a patient is checked against: their record and the stay, loaded with the command. */
export interface CareState {
  readonly patient: PatientState;
  readonly stay: StayState;
}

/**
 * Stock goes to a patient only while they can receive care here: registered, not merged away, alive,
 * their data not erased, and the stay theirs and open (in progress or on leave).
 */
function requireOpenStay(care: CareState, patientId: string): void {
  const { patient, stay } = care;
  if (!patient.registered) violate('patient-not-found', { patientId });
  if (patient.mergedInto !== null) violate('patient-voided', { survivorPatientId: patient.mergedInto });
  if (patient.deceased) violate('patient-deceased');
  if (patient.personalDataErased) violate('patient-data-erased');
  if (stay.status === 'absent') violate('stay-not-found');
  if (stay.patientId !== patientId) violate('stay-not-of-patient');
  if (stay.status !== 'in_progress' && stay.status !== 'on_leave')
    violate('stay-not-open', { stayStatus: stay.status });
}

/** A controlled substance's issue or any disposal: a witness who is not the sender. */
function requireWitness(witness: IssueStock['witness'], senderId: string, required: boolean): void {
  if (required && witness === null) violate('witness-required');
  if (witness !== null && witness.id === senderId) violate('witness-is-issuer');
}

export function issueStock(
  c: IssueStock,
  stock: StockState,
  item: ItemState,
  settings: StockSettings,
  care: CareState | null,
  ward: WardState | null,
): { stock: InventoryEvent[] } {
  requireCatalogue(item);
  if (c.destination.kind === 'patient') {
    if (care === null) return violate('patient-not-found', { patientId: c.destination.patientId });
    requireOpenStay(care, c.destination.patientId);
  } else if (!ward?.defined) {
    violate('ward-not-found', { wardId: c.destination.wardId });
  }
  requireWitness(c.witness, c.issuerId, item.controlledSubstance);
  const point = requireStockPoint(stock, c.quantity);
  const picked = pickFirstExpiryFirstOut(stock, c.quantity, settings.today);
  const lines = lotLines(stock, picked, point.currency);
  const common = {
    itemId: c.itemId,
    locationId: c.locationId,
    issueId: c.issueId,
    witnessId: c.witness?.id ?? null,
    witnessRole: c.witness?.role ?? null,
    issuedAt: c.at,
  };
  const { destination } = c;
  const events: InventoryEvent[] = lines.map((line) =>
    destination.kind === 'patient'
      ? {
          type: 'StockIssuedToPatient',
          data: { ...common, ...line, patientId: destination.patientId, stayId: destination.stayId },
        }
      : { type: 'StockIssuedToWard', data: { ...common, ...line, wardId: destination.wardId } },
  );
  const onHandAfter = lines[lines.length - 1]?.onHandAfter ?? stock.onHand;
  return { stock: [...events, ...reorderCrossing(stock, onHandAfter, stock.reorderLevel, c.at)] };
}

export function dispatchTransfer(
  c: DispatchTransfer,
  stock: StockState,
  item: ItemState,
  destination: LocationState,
  settings: StockSettings,
): { transfer: InventoryEvent[]; stock: InventoryEvent[] } {
  if (c.fromLocationId === c.toLocationId) violate('same-location');
  requireCatalogue(item, destination);
  const point = requireStockPoint(stock, c.quantity);
  const picked = pickFirstExpiryFirstOut(stock, c.quantity, settings.today);
  const lines = lotLines(stock, picked, point.currency);
  const onHandAfter = lines[lines.length - 1]?.onHandAfter ?? stock.onHand;
  const { transferId, itemId, fromLocationId, toLocationId } = c;
  return {
    transfer: [
      {
        type: 'TransferDispatched',
        data: {
          transferId,
          itemId,
          fromLocationId,
          toLocationId,
          lots: lines.map(({ lotId, lotNumber, expiryDate, quantity, unitCostMinor }) => ({
            lotId,
            lotNumber,
            expiryDate,
            quantity,
            unitCostMinor,
          })),
          quantity: c.quantity,
          currency: point.currency,
          dispatchedAt: c.at,
        },
      },
    ],
    stock: [
      ...lines.map(
        (line): InventoryEvent => ({
          type: 'StockDispatched',
          data: { itemId, locationId: fromLocationId, ...line, transferId, toLocationId, dispatchedAt: c.at },
        }),
      ),
      ...reorderCrossing(stock, onHandAfter, stock.reorderLevel, c.at),
    ],
  };
}

export function receiveTransfer(
  c: ReceiveTransfer,
  transfer: TransferState,
  stock: StockState,
  isNew: boolean,
): { transfer: InventoryEvent[]; stock: InventoryEvent[]; register: InventoryEvent[] } {
  if (transfer.status === 'none') violate('transfer-not-found');
  if (transfer.status === 'received') violate('transfer-already-received');
  const dispatched = new Map(transfer.lots.map((lot) => [lot.lotId, lot]));
  const received = new Map<string, number>();
  const lines = c.lots ?? transfer.lots.map(({ lotId, quantity }) => ({ lotId, quantity }));
  for (const line of lines) {
    const lot = dispatched.get(line.lotId);
    if (!lot) return violate('lot-not-in-transfer', { lotId: line.lotId });
    const total = (received.get(line.lotId) ?? 0) + line.quantity;
    if (total > lot.quantity) violate('received-more-than-dispatched', { lotId: line.lotId, dispatched: lot.quantity });
    received.set(line.lotId, total);
  }
  const dispatchedQuantity = transfer.lots.reduce((sum, lot) => sum + lot.quantity, 0);
  const receivedQuantity = [...received.values()].reduce((sum, q) => sum + q, 0);
  const discrepancyQuantity = dispatchedQuantity - receivedQuantity;
  if (discrepancyQuantity > 0 && c.discrepancyReason === null) {
    violate('discrepancy-reason-required', { missing: discrepancyQuantity });
  }
  const { transferId, itemId, fromLocationId, toLocationId, currency } = { ...transfer, transferId: c.transferId };
  let onHand = stock.onHand;
  const arrived = transfer.lots.flatMap((lot) => {
    const quantity = received.get(lot.lotId) ?? 0;
    return quantity > 0 ? [{ ...lot, quantity }] : [];
  });
  return {
    transfer: [
      {
        type: 'TransferReceived',
        data: {
          transferId,
          toLocationId,
          lots: arrived,
          receivedQuantity,
          discrepancyQuantity,
          discrepancyReason: discrepancyQuantity > 0 ? c.discrepancyReason : null,
          receivedAt: c.at,
        },
      },
    ],
    stock: arrived.map((lot): InventoryEvent => {
      onHand += lot.quantity;
      return {
        type: 'StockReceivedFromTransfer',
        data: {
          itemId,
          locationId: toLocationId,
          ...lot,
          currency,
          onHandAfter: onHand,
          transferId,
          fromLocationId,
          receivedAt: c.at,
        },
      };
    }),
    register: registerIfNew(isNew && arrived.length > 0, itemId, toLocationId, c.at),
  };
}

function lotAt(stock: StockState, lotId: string): Lot {
  const lot = stock.lots[lotId];
  if (!lot || stock.currency === null) return violate('lot-not-found', { lotId });
  return lot;
}

const lotData = (stock: StockState, lot: Lot) => ({
  itemId: stock.itemId ?? '',
  locationId: stock.locationId ?? '',
  lotId: lot.lotId,
  lotNumber: lot.lotNumber,
  expiryDate: lot.expiryDate,
  unitCostMinor: lot.unitCostMinor,
  currency: stock.currency ?? '',
});

export function adjustStock(c: AdjustStock, stock: StockState): { stock: InventoryEvent[] } {
  const lot = lotAt(stock, c.lotId);
  const difference = c.countedQuantity - lot.quantity;
  if (difference === 0) violate('count-matches-books', { quantity: lot.quantity });
  const onHandAfter = stock.onHand + difference;
  return {
    stock: [
      {
        type: 'StockAdjusted',
        data: {
          ...lotData(stock, lot),
          quantity: Math.abs(difference),
          onHandAfter,
          adjustmentId: c.adjustmentId,
          countedQuantity: c.countedQuantity,
          difference,
          reason: c.reason,
          note: c.note,
          adjustedAt: c.at,
        },
      },
      ...reorderCrossing(stock, onHandAfter, stock.reorderLevel, c.at),
    ],
  };
}

function takeFromLot(stock: StockState, lotId: string, quantity: number): Lot {
  const lot = lotAt(stock, lotId);
  if (lot.quantity < quantity)
    violate('insufficient-stock', { requested: quantity, available: lot.quantity, expired: 0 });
  return lot;
}

export function returnToVendor(c: ReturnToVendor, stock: StockState): { stock: InventoryEvent[] } {
  const lot = takeFromLot(stock, c.lotId, c.quantity);
  const onHandAfter = stock.onHand - c.quantity;
  return {
    stock: [
      {
        type: 'StockReturnedToVendor',
        data: {
          ...lotData(stock, lot),
          quantity: c.quantity,
          onHandAfter,
          returnId: c.returnId,
          supplier: c.supplier,
          reason: c.reason,
          returnedAt: c.at,
        },
      },
      ...reorderCrossing(stock, onHandAfter, stock.reorderLevel, c.at),
    ],
  };
}

function requireDisposalWitness(c: DisposeStock): NonNullable<DisposeStock['witness']> {
  requireWitness(c.witness, c.requesterId, true);
  return c.witness ?? violate('witness-required');
}

export function disposeStock(c: DisposeStock, stock: StockState, settings: StockSettings): { stock: InventoryEvent[] } {
  const witness = requireDisposalWitness(c);
  const lot = takeFromLot(stock, c.lotId, c.quantity);
  if (c.reason === 'expired' && !isExpiredOn(lot.expiryDate, settings.today)) {
    violate('lot-not-expired', { expiryDate: lot.expiryDate ?? 'none' });
  }
  const onHandAfter = stock.onHand - c.quantity;
  return {
    stock: [
      {
        type: 'StockDisposed',
        data: {
          ...lotData(stock, lot),
          quantity: c.quantity,
          onHandAfter,
          disposalId: c.disposalId,
          reason: c.reason,
          witnessId: witness.id,
          witnessRole: witness.role,
          disposedAt: c.at,
        },
      },
      ...reorderCrossing(stock, onHandAfter, stock.reorderLevel, c.at),
    ],
  };
}

/**
 * The daily sweep of one stock point for a date (the one sent, else the hospital's local date at
 * the command's instant): for each lot with stock, LotExpired once when the date reached its
 * expiry, else LotNearingExpiry for the narrowest warning window (the hospital's
 * stockExpiryWarningDays, default 90/60/30) it has entered and not yet raised. Idempotent: what was
 * raised is in the state, so a second run on the same day (or any later day in the same window)
 * raises nothing.
 */
export function sweepExpiry(
  c: SweepExpiry,
  stock: StockState,
  exists: boolean,
  settings: StockSettings,
): { stock: InventoryEvent[] } {
  if (!exists) violate('stock-point-not-found');
  const date = c.date ?? settings.today;
  const windows = settings.expiryWarningDays;
  const events: InventoryEvent[] = [];
  for (const lot of Object.values(stock.lots).sort((a, b) => a.arrival - b.arrival)) {
    if (lot.quantity <= 0 || lot.expiryDate === null) continue;
    const { itemId, locationId, lotId, lotNumber, expiryDate } = { ...lotData(stock, lot), expiryDate: lot.expiryDate };
    const daysLeft = daysBetween(date, expiryDate);
    const common = { itemId, locationId, lotId, lotNumber, expiryDate, quantity: lot.quantity, sweepDate: date };
    if (daysLeft <= 0) {
      if (!lot.expiredRaised) events.push({ type: 'LotExpired', data: common });
      continue;
    }
    const entered = windows.filter((w) => daysLeft <= w);
    const narrowest = entered[entered.length - 1];
    const alreadyInside = lot.windowsRaised.some((w) => narrowest !== undefined && w <= narrowest);
    if (narrowest !== undefined && !alreadyInside) {
      events.push({ type: 'LotNearingExpiry', data: { ...common, windowDays: narrowest, daysLeft } });
    }
  }
  return { stock: events };
}
