import { z } from 'zod';
import { type StayState, stayAggregate, type WardState, wardAggregate } from '../admissions/index.js';
import { type PatientState, patientAggregate } from '../patients/index.js';
import type { Role } from '../shared/command-spec.js';
import { defineCommand, type TypedStreamRef } from '../shared/define-command.js';
import { describedCodes } from '../shared/described-codes.js';
import {
  type ItemCodeState,
  type ItemState,
  itemAggregate,
  itemCodeAggregate,
  type LocationState,
  locationAggregate,
  STOCK_REGISTER_ID,
  type StockRegisterState,
  stockRegisterAggregate,
} from './catalogue.js';
import type { IssueDestination } from './commands.js';
import * as decider from './decider.js';
import { type StockState, stockAggregate, stockStreamId } from './stock.js';
import { stockSettings } from './stock-settings.js';
import { type TransferState, transferAggregate } from './transfer.js';

/**
 * The inventory module's commands as the command server serves them. Roles (issue 16):
 * storekeepers shape the catalogue, receive, transfer, count, return and dispose; pharmacists and
 * nurses issue (pharmacists also receive and transfer in the pharmacy); admins may define the
 * catalogue and run the expiry sweep by hand. A witness (a controlled substance issued, any
 * disposal) is a second person authenticated by their own token (server/witness.ts) in one of the
 * witness roles below; that it is someone other than the sender is the decider's rule.
 */

const MODULE = 'inventory';
const STORE: readonly Role[] = ['storekeeper', 'pharmacist'];
const ISSUERS: readonly Role[] = ['pharmacist', 'nurse'];
const CATALOGUE: readonly Role[] = ['storekeeper', 'pharmacist', 'admin'];
/**
 * Who may witness a controlled substance being issued: the clinical staff who may hold and give it
 * (a second nurse, a pharmacist, a physician), as controlled-drug registers require.
 */
const ISSUE_WITNESSES: readonly Role[] = ['pharmacist', 'nurse', 'physician'];
/** Who may witness stock being destroyed: the pharmacy and stores staff, or a nurse on a ward. */
const DISPOSAL_WITNESSES: readonly Role[] = ['pharmacist', 'storekeeper', 'nurse'];
/**
 * Every command on a stock stream is re-decided this many times when another write to the same
 * stock lands first: twenty parallel issues of one item at one location must each be decided on
 * the stock the previous winner left, so exactly the stock's worth succeed and the rest are refused
 * by the rule (not by the race).
 */
const STOCK_CONFLICT_RETRIES = 32;

const uuid = (what: string) => z.uuid().describe(what);
const itemId = uuid('The item.');
const locationId = uuid('The location.');
const lotId = uuid('The lot (its id from the receipt, as the stock views show it).');
const quantity = (what: string) => z.int().min(1).max(1_000_000).describe(what);
const text = (what: string, max = 200) => z.string().trim().min(1).max(max).describe(what);
const calendarDate = (what: string) =>
  z.iso.date({ error: 'Expected a calendar date YYYY-MM-DD, e.g. 2027-06-30' }).describe(`${what} (YYYY-MM-DD).`);

const item = (id: string): TypedStreamRef<ItemState> => ({ aggregate: itemAggregate, id });
const itemCode = (code: string): TypedStreamRef<ItemCodeState> => ({ aggregate: itemCodeAggregate, id: code });
const location = (id: string): TypedStreamRef<LocationState> => ({ aggregate: locationAggregate, id });
const stock = (locationId: string, itemId: string): TypedStreamRef<StockState> => ({
  aggregate: stockAggregate,
  id: stockStreamId(locationId, itemId),
});
const transfer = (id: string): TypedStreamRef<TransferState> => ({ aggregate: transferAggregate, id });
const patient = (id: string): TypedStreamRef<PatientState> => ({ aggregate: patientAggregate, id });
const stay = (id: string): TypedStreamRef<StayState> => ({ aggregate: stayAggregate, id });
const ward = (id: string): TypedStreamRef<WardState> => ({ aggregate: wardAggregate, id });
const register = (): TypedStreamRef<StockRegisterState> => ({
  aggregate: stockRegisterAggregate,
  id: STOCK_REGISTER_ID,
  // Only its revision matters (a new stock point appends); the state is never needed whole.
  tail: true,
});
/** The streams of a command on one stock point; the register only when the point is new. */
type StockPointRefs = {
  stock: TypedStreamRef<StockState>;
  item: TypedStreamRef<ItemState>;
  location: TypedStreamRef<LocationState>;
  register?: TypedStreamRef<StockRegisterState>;
};
type IssueRefs = {
  stock: TypedStreamRef<StockState>;
  item: TypedStreamRef<ItemState>;
  patient?: TypedStreamRef<PatientState>;
  stay?: TypedStreamRef<StayState>;
  ward?: TypedStreamRef<WardState>;
};
type TransferReceiptRefs = {
  transfer: TypedStreamRef<TransferState>;
  stock?: TypedStreamRef<StockState>;
  register?: TypedStreamRef<StockRegisterState>;
};

/** The register is loaded only by the command that creates a stock point, so issues never contend on it. */
const registerIfNew = (loaded: { readonly stock: { readonly revision: number } }) =>
  loaded.stock.revision === -1 ? { register: register() } : {};

export const defineItem = defineCommand({
  module: MODULE,
  name: 'define-item',
  summary: 'Define an item the hospital stocks (code unique within the hospital).',
  roles: CATALOGUE,
  body: z.strictObject({
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, { error: 'Letters, digits, ".", "_" or "-", at most 40' })
      .describe('The hospital’s code for the item; stored in upper case.'),
    name: text('What the item is called, e.g. "Paracetamol 500 mg tablet".'),
    unitOfMeasure: text('The unit stock is counted in, e.g. "tablet".', 40),
    packSize: z.int().min(1).max(100_000).default(1).describe('Units in one pack as supplied.'),
    category: describedCodes('What kind of item.', {
      medicine: 'a medicine',
      consumable: 'a consumable (gloves, syringes)',
      reagent: 'a laboratory reagent',
      equipment: 'equipment',
    }),
    batchTracked: z.boolean().default(true).describe('Received and issued by lot number.'),
    controlledSubstance: z.boolean().default(false).describe('Every issue needs a witness.'),
  }),
  toCommand: (body, ctx) => ({
    type: 'DefineItem' as const,
    itemId: ctx.newId(),
    ...body,
    code: body.code.toUpperCase(),
    at: ctx.now,
  }),
  streams: (c) => ({ item: item(c.itemId), code: itemCode(c.code) }),
  decide: (c, loaded) => decider.defineItem(c, loaded.code.state),
});

const optionalFlag = (what: string) => z.boolean().optional().describe(what);

export const updateItem = defineCommand({
  module: MODULE,
  name: 'update-item',
  summary:
    'Change an item’s description: name, unit, pack size, category, lot tracking, controlled status (the code never changes). Send If-Match with the item’s revision. Reorder and maximum levels are per location: set-stock-levels.',
  roles: CATALOGUE,
  body: z
    .strictObject({
      itemId,
      name: text('What the item is called.').optional(),
      unitOfMeasure: text('The unit stock is counted in.', 40).optional(),
      packSize: z.int().min(1).max(100_000).optional().describe('Units in one pack as supplied.'),
      category: describedCodes('What kind of item.', {
        medicine: 'a medicine',
        consumable: 'a consumable (gloves, syringes)',
        reagent: 'a laboratory reagent',
        equipment: 'equipment',
      }).optional(),
      batchTracked: optionalFlag('Received and issued by lot number (receipts from now on).'),
      controlledSubstance: optionalFlag('Every issue from now on needs a witness.'),
    })
    .refine((body) => Object.keys(body).some((key) => key !== 'itemId'), {
      message:
        'Send at least one field to change (name, unitOfMeasure, packSize, category, batchTracked, controlledSubstance)',
      path: ['name'],
    }),
  toCommand: (body, ctx) => ({
    type: 'UpdateItem' as const,
    itemId: body.itemId,
    name: body.name ?? null,
    unitOfMeasure: body.unitOfMeasure ?? null,
    packSize: body.packSize ?? null,
    category: body.category ?? null,
    batchTracked: body.batchTracked ?? null,
    controlledSubstance: body.controlledSubstance ?? null,
    at: ctx.now,
  }),
  streams: (c) => ({ item: item(c.itemId) }),
  decide: (c, loaded) => decider.updateItem(c, loaded.item.state),
});

export const defineLocation = defineCommand({
  module: MODULE,
  name: 'define-location',
  summary: 'Define a place stock is kept: the central store, a pharmacy or a ward store.',
  roles: ['storekeeper', 'admin'],
  body: z.strictObject({
    code: text('Short code, e.g. "PHARM-1".', 40),
    name: text('What the location is called.'),
    kind: describedCodes('What kind of store.', {
      central_store: 'the hospital’s central store',
      pharmacy: 'a pharmacy',
      ward_store: 'a ward’s own store (send wardId)',
    }),
    wardId: uuid('The ward a ward store serves (admissions ward id).').optional(),
  }),
  toCommand: (body, ctx) => ({
    type: 'DefineLocation' as const,
    locationId: ctx.newId(),
    code: body.code,
    name: body.name,
    kind: body.kind,
    wardId: body.wardId ?? null,
    at: ctx.now,
  }),
  // A ward store's ward is read with the command: it must be a ward of this hospital.
  streams: (c): { location: TypedStreamRef<LocationState>; ward?: TypedStreamRef<WardState> } =>
    c.wardId === null
      ? { location: location(c.locationId) }
      : { location: location(c.locationId), ward: ward(c.wardId) },
  decide: (c, loaded) => decider.defineLocation(c, loaded.ward?.state ?? null),
});

export const setStockLevels = defineCommand({
  module: MODULE,
  name: 'set-stock-levels',
  conflictRetries: STOCK_CONFLICT_RETRIES,
  summary: 'Set the reorder level (and optional maximum) of an item at a location.',
  roles: CATALOGUE,
  body: z.strictObject({
    itemId,
    locationId,
    reorderLevel: z.int().min(0).max(1_000_000).describe('Reorder below this many units (0: never).'),
    maximumLevel: z.int().min(1).max(1_000_000).optional().describe('Most units to hold here.'),
  }),
  toCommand: (body, ctx) => ({
    type: 'SetStockLevels' as const,
    ...body,
    maximumLevel: body.maximumLevel ?? null,
    at: ctx.now,
  }),
  streams: (c): StockPointRefs => ({
    stock: stock(c.locationId, c.itemId),
    item: item(c.itemId),
    location: location(c.locationId),
  }),
  following: (_c, loaded) => registerIfNew(loaded),
  decide: (c, loaded) =>
    decider.setStockLevels(
      c,
      loaded.stock.state,
      loaded.stock.revision === -1,
      loaded.item.state,
      loaded.location.state,
    ),
});

export const receiveStock = defineCommand({
  module: MODULE,
  name: 'receive-stock',
  conflictRetries: STOCK_CONFLICT_RETRIES,
  summary: 'Receive a lot from a supplier into a location (lot number, expiry, quantity, unit cost).',
  roles: STORE,
  body: z.strictObject({
    itemId,
    locationId,
    lotNumber: text('The supplier’s lot (batch) number; required for a batch-tracked item.', 60).optional(),
    expiryDate: calendarDate('Expiry date of the lot; leave out for items that do not expire').optional(),
    quantity: quantity('Units received (in the item’s unit of measure).'),
    unitCostMinor: z
      .int()
      .min(0)
      .max(1_000_000_000)
      .describe('Cost of one unit in minor units of the hospital’s currency (cents).'),
    supplier: text('Who supplied it.', 120),
  }),
  toCommand: (body, ctx) => ({
    type: 'ReceiveStock' as const,
    receiptId: ctx.newId(),
    lotId: ctx.newId(),
    ...body,
    lotNumber: body.lotNumber ?? null,
    expiryDate: body.expiryDate ?? null,
    at: ctx.now,
  }),
  streams: (c): StockPointRefs => ({
    stock: stock(c.locationId, c.itemId),
    item: item(c.itemId),
    location: location(c.locationId),
  }),
  following: (_c, loaded) => registerIfNew(loaded),
  settingsAt: (c) => c.at,
  decide: (c, loaded, settings) =>
    decider.receiveStock(
      c,
      loaded.stock.state,
      loaded.stock.revision === -1,
      loaded.item.state,
      loaded.location.state,
      stockSettings(c.at, settings),
    ),
});

const issueBody = z
  .strictObject({
    itemId,
    locationId: uuid('The location the stock is issued from.'),
    quantity: quantity('Units to issue.'),
    destination: describedCodes('Who the stock is for.', {
      ward: 'a ward’s use (send wardId)',
      patient: 'one patient’s stay, charged to it (send patientId and stayId)',
    }),
    wardId: uuid('The ward (admissions ward id), for destination ward.').optional(),
    patientId: uuid('The patient, for destination patient.').optional(),
    stayId: uuid('The patient’s stay, for destination patient.').optional(),
  })
  .superRefine((body, ctx) => {
    const needs = body.destination === 'ward' ? (['wardId'] as const) : (['patientId', 'stayId'] as const);
    const not = body.destination === 'ward' ? (['patientId', 'stayId'] as const) : (['wardId'] as const);
    for (const field of needs)
      if (body[field] === undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: `Required when destination is ${body.destination}` });
    for (const field of not)
      if (body[field] !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: `Only for the other destination, not ${body.destination}`,
        });
  });

export const issueStock = defineCommand({
  module: MODULE,
  name: 'issue-stock',
  conflictRetries: STOCK_CONFLICT_RETRIES,
  summary:
    'Issue units of an item from a location to a ward or to a patient’s open stay: first expiry first out across lots, never from an expired lot, never below zero; a controlled substance needs a witness other than the issuer (their token in X-Witness-Authorization).',
  roles: ISSUERS,
  witness: { roles: ISSUE_WITNESSES },
  body: issueBody,
  toCommand: (body, ctx) => {
    const destination: IssueDestination =
      body.destination === 'ward'
        ? { kind: 'ward', wardId: body.wardId ?? '' }
        : { kind: 'patient', patientId: body.patientId ?? '', stayId: body.stayId ?? '' };
    return {
      type: 'IssueStock' as const,
      issueId: ctx.newId(),
      itemId: body.itemId,
      locationId: body.locationId,
      quantity: body.quantity,
      destination,
      witness: ctx.witness ?? null,
      issuerId: ctx.actor.id,
      at: ctx.now,
    };
  },
  // The item is only read (controlled?). Every issue of the item here appends to one stock stream.
  // For a ward, the ward is read (it must exist); for a patient, their record and the stay (registered,
  // alive, stay open): loaded
  // with the command like every other state, never fetched by the decider. A write to either while
  // the issue is decided makes it decide again on the new state (they are part of its read set).
  streams: (c): IssueRefs =>
    c.destination.kind === 'patient'
      ? {
          stock: stock(c.locationId, c.itemId),
          item: item(c.itemId),
          patient: patient(c.destination.patientId),
          stay: stay(c.destination.stayId),
        }
      : { stock: stock(c.locationId, c.itemId), item: item(c.itemId), ward: ward(c.destination.wardId) },
  settingsAt: (c) => c.at,
  decide: (c, loaded, settings) =>
    decider.issueStock(
      c,
      loaded.stock.state,
      loaded.item.state,
      stockSettings(c.at, settings),
      loaded.patient && loaded.stay ? { patient: loaded.patient.state, stay: loaded.stay.state } : null,
      loaded.ward?.state ?? null,
    ),
});

export const dispatchTransfer = defineCommand({
  module: MODULE,
  name: 'dispatch-transfer',
  conflictRetries: STOCK_CONFLICT_RETRIES,
  summary: 'Send units of an item from one location to another (first expiry first out); in transit until received.',
  roles: STORE,
  body: z.strictObject({
    itemId,
    fromLocationId: uuid('Where the stock leaves.'),
    toLocationId: uuid('Where it goes.'),
    quantity: quantity('Units to send.'),
  }),
  toCommand: (body, ctx) => ({
    type: 'DispatchTransfer' as const,
    transferId: ctx.newId(),
    ...body,
    at: ctx.now,
  }),
  streams: (c) => ({
    transfer: transfer(c.transferId),
    stock: stock(c.fromLocationId, c.itemId),
    item: item(c.itemId),
    destination: location(c.toLocationId),
  }),
  settingsAt: (c) => c.at,
  decide: (c, loaded, settings) =>
    decider.dispatchTransfer(
      c,
      loaded.stock.state,
      loaded.item.state,
      loaded.destination.state,
      stockSettings(c.at, settings),
    ),
});

export const receiveTransfer = defineCommand({
  module: MODULE,
  name: 'receive-transfer',
  conflictRetries: STOCK_CONFLICT_RETRIES,
  summary:
    'Receive a transfer at its destination: the units that arrived, per lot. Fewer than dispatched is a discrepancy and needs a reason.',
  roles: STORE,
  body: z.strictObject({
    transferId: uuid('The transfer.'),
    lots: z
      .array(
        z.strictObject({ lotId, quantity: z.int().min(0).max(1_000_000).describe('Units of the lot that arrived.') }),
      )
      .max(100)
      .optional()
      .describe(
        'Units received per lot (a lot left out arrived with none); leave out when everything dispatched arrived.',
      ),
    discrepancyReason: text('Why units are missing (required when fewer arrived than were sent).', 500).optional(),
  }),
  toCommand: (body, ctx) => ({
    type: 'ReceiveTransfer' as const,
    transferId: body.transferId,
    lots: body.lots ?? null,
    discrepancyReason: body.discrepancyReason ?? null,
    at: ctx.now,
  }),
  streams: (c): TransferReceiptRefs => ({ transfer: transfer(c.transferId) }),
  // The destination is known only from the transfer. The register is always read here: receipts
  // of transfers are few, and this one may open the destination's stock point.
  following: (_c, loaded) =>
    loaded.transfer.state.status === 'none'
      ? {}
      : {
          stock: stock(loaded.transfer.state.toLocationId, loaded.transfer.state.itemId),
          register: register(),
        },
  decide: (c, loaded) => {
    const destination = loaded.stock;
    return decider.receiveTransfer(
      c,
      loaded.transfer.state,
      destination?.state ?? stockAggregate.initialState,
      (destination?.revision ?? -1) === -1,
    );
  },
});

const lotCommandFields = { itemId, locationId, lotId };

export const adjustStock = defineCommand({
  module: MODULE,
  name: 'adjust-stock',
  conflictRetries: STOCK_CONFLICT_RETRIES,
  summary: 'Record a physical count of a lot at a location that differs from the books, with the reason.',
  roles: ['storekeeper'],
  body: z.strictObject({
    ...lotCommandFields,
    countedQuantity: z.int().min(0).max(1_000_000).describe('Units counted on the shelf.'),
    reason: describedCodes('Why the count differs.', {
      count_difference: 'found at a routine count',
      damaged: 'units found damaged',
      theft: 'units missing, suspected theft',
      found: 'units found that the books did not show',
      entry_error: 'an earlier entry was wrong',
      other: 'another reason (say it in the note)',
    }),
    note: text('A note on the count (no patient data).', 500).optional(),
  }),
  toCommand: (body, ctx) => ({
    type: 'AdjustStock' as const,
    adjustmentId: ctx.newId(),
    ...body,
    note: body.note ?? null,
    at: ctx.now,
  }),
  streams: (c) => ({ stock: stock(c.locationId, c.itemId) }),
  decide: (c, loaded) => decider.adjustStock(c, loaded.stock.state),
});

export const returnToVendor = defineCommand({
  module: MODULE,
  name: 'return-to-vendor',
  conflictRetries: STOCK_CONFLICT_RETRIES,
  summary: 'Send units of a lot back to the supplier.',
  roles: ['storekeeper'],
  body: z.strictObject({
    ...lotCommandFields,
    quantity: quantity('Units sent back.'),
    supplier: text('Who the stock goes back to.', 120),
    reason: describedCodes('Why it goes back.', {
      recalled: 'the supplier recalled the lot',
      damaged: 'arrived or found damaged',
      wrong_item: 'not what was ordered',
      near_expiry: 'too close to expiry to use',
      overstock: 'more than needed',
      other: 'another reason',
    }),
  }),
  toCommand: (body, ctx) => ({ type: 'ReturnToVendor' as const, returnId: ctx.newId(), ...body, at: ctx.now }),
  streams: (c) => ({ stock: stock(c.locationId, c.itemId) }),
  decide: (c, loaded) => decider.returnToVendor(c, loaded.stock.state),
});

export const disposeStock = defineCommand({
  module: MODULE,
  name: 'dispose-stock',
  conflictRetries: STOCK_CONFLICT_RETRIES,
  summary:
    'Destroy units of an expired, damaged or recalled lot, witnessed by another person (their token in X-Witness-Authorization).',
  roles: STORE,
  witness: { roles: DISPOSAL_WITNESSES },
  body: z.strictObject({
    ...lotCommandFields,
    quantity: quantity('Units destroyed.'),
    reason: describedCodes('Why it is destroyed.', {
      expired: 'the lot has expired',
      damaged: 'damaged',
      recalled: 'recalled by the supplier or the regulator',
      other: 'another reason',
    }),
  }),
  toCommand: (body, ctx) => ({
    type: 'DisposeStock' as const,
    disposalId: ctx.newId(),
    ...body,
    witness: ctx.witness ?? null,
    requesterId: ctx.actor.id,
    at: ctx.now,
  }),
  streams: (c) => ({ stock: stock(c.locationId, c.itemId) }),
  settingsAt: (c) => c.at,
  decide: (c, loaded, settings) => decider.disposeStock(c, loaded.stock.state, stockSettings(c.at, settings)),
});

export const sweepExpiry = defineCommand({
  module: MODULE,
  name: 'sweep-expiry',
  conflictRetries: STOCK_CONFLICT_RETRIES,
  summary:
    'The daily expiry sweep of one item at one location for a date (the hospital’s local date): raises each lot entering its 90/60/30-day window and each lot expired, once. Run by the CronJob for every stock point; idempotent.',
  roles: ['storekeeper', 'admin'],
  body: z.strictObject({
    itemId,
    locationId,
    date: calendarDate(
      'The hospital’s local date the sweep is for; leave out for today in the hospital’s time zone',
    ).optional(),
  }),
  toCommand: (body, ctx) => ({ type: 'SweepExpiry' as const, ...body, date: body.date ?? null, at: ctx.now }),
  streams: (c) => ({ stock: stock(c.locationId, c.itemId) }),
  settingsAt: (c) => c.at,
  decide: (c, loaded, settings) =>
    decider.sweepExpiry(c, loaded.stock.state, loaded.stock.revision !== -1, stockSettings(c.at, settings)),
});

export const inventoryCommands = [
  defineItem,
  updateItem,
  defineLocation,
  setStockLevels,
  receiveStock,
  issueStock,
  dispatchTransfer,
  receiveTransfer,
  adjustStock,
  returnToVendor,
  disposeStock,
  sweepExpiry,
];
