import { describeProjectionSpecs, projectionSpec, SPEC_HOSPITAL, SPEC_TIME } from '../testing/projection-spec.js';
import { inventoryProjection } from './projection.js';
import {
  INVENTORY_ITEMS,
  INVENTORY_LEDGER,
  INVENTORY_LOCATIONS,
  INVENTORY_STOCK_LEVELS,
  INVENTORY_STOCK_LOTS,
  INVENTORY_TRANSFERS,
} from './views.js';

const { event, given } = projectionSpec(inventoryProjection);
const H = SPEC_HOSPITAL;
const ITEM = '0193a6f0-0000-7000-8000-0000000000a1';
const PHARMACY = '0193a6f0-0000-7000-8000-0000000000b1';
const WARD_STORE = '0193a6f0-0000-7000-8000-0000000000b2';
const LOT = '0193a6f0-0000-7000-8000-0000000000c1';
const RECEIPT = '0193a6f0-0000-7000-8000-0000000000d1';
const REF = '0193a6f0-0000-7000-8000-0000000000d2';
const TRANSFER = '0193a6f0-0000-7000-8000-0000000000e1';
const PATIENT = '0193a6f0-0000-7000-8000-0000000000f1';
const STAY = '0193a6f0-0000-7000-8000-0000000000f2';
const WARD = '0193a6f0-0000-7000-8000-0000000000f3';
const POINT = `${PHARMACY}.${ITEM}`;
const stockStream = { aggregateId: POINT };
const lotFields = { itemId: ITEM, locationId: PHARMACY, lotId: LOT, lotNumber: 'L1', expiryDate: '2026-01-31' };
const cost = { unitCostMinor: 25, currency: 'EUR' };

const receivedEvent = event(
  'StockReceived',
  { ...lotFields, ...cost, quantity: 10, onHandAfter: 10, receiptId: RECEIPT, supplier: 'Acme', receivedAt: SPEC_TIME },
  stockStream,
);

const levelDoc = (fields: Record<string, unknown>) => ({
  _id: `${H}:${POINT}`,
  hospitalId: H,
  stockPointId: POINT,
  itemId: ITEM,
  locationId: PHARMACY,
  onHand: 10,
  valueMinor: 250,
  currency: 'EUR',
  reorderLevel: 0,
  maximumLevel: null,
  belowReorderLevel: false,
  lastMovementAt: SPEC_TIME,
  position: 1,
  revision: 0,
  ...fields,
});
const lotDoc = (fields: Record<string, unknown>) => ({
  _id: `${H}:${POINT}.${LOT}`,
  hospitalId: H,
  ...lotFields,
  ...cost,
  quantity: 10,
  valueMinor: 250,
  expiryAlert: null,
  position: 1,
  ...fields,
});
const ledgerLine = (revision: number, fields: Record<string, unknown>) => ({
  _id: `${H}:${POINT}.${revision}`,
  hospitalId: H,
  entryId: `${POINT}.${revision}`,
  itemId: ITEM,
  locationId: PHARMACY,
  lotId: LOT,
  lotNumber: 'L1',
  ...cost,
  at: SPEC_TIME,
  wardId: null,
  patientId: null,
  stayId: null,
  position: revision + 1,
  ...fields,
});
const receivedLine = ledgerLine(0, {
  movement: 'received',
  quantityChange: 10,
  balanceAfter: 10,
  referenceId: RECEIPT,
});

/** After the receipt of 10, one movement out (or in) of `change` units as the second event. */
const afterMovement = (change: number, line: Record<string, unknown>, level: Record<string, unknown> = {}) => ({
  [INVENTORY_STOCK_LEVELS]: [
    levelDoc({ onHand: 10 + change, valueMinor: (10 + change) * 25, position: 2, revision: 1, ...level }),
  ],
  [INVENTORY_STOCK_LOTS]: [lotDoc({ quantity: 10 + change, valueMinor: (10 + change) * 25, position: 2 })],
  [INVENTORY_LEDGER]: [receivedLine, ledgerLine(1, { quantityChange: change, balanceAfter: 10 + change, ...line })],
});
const out = (quantity: number) => ({ ...lotFields, ...cost, quantity, onHandAfter: 10 - quantity });

const dispatchedTransfer = event('TransferDispatched', {
  transferId: TRANSFER,
  itemId: ITEM,
  fromLocationId: PHARMACY,
  toLocationId: WARD_STORE,
  lots: [{ lotId: LOT, lotNumber: 'L1', expiryDate: '2026-01-31', quantity: 4, unitCostMinor: 25 }],
  quantity: 4,
  currency: 'EUR',
  dispatchedAt: SPEC_TIME,
});
const transferDoc = (fields: Record<string, unknown>) => ({
  _id: `${H}:${TRANSFER}`,
  hospitalId: H,
  transferId: TRANSFER,
  itemId: ITEM,
  fromLocationId: PHARMACY,
  toLocationId: WARD_STORE,
  status: 'in_transit',
  quantity: 4,
  currency: 'EUR',
  lots: [{ lotId: LOT, lotNumber: 'L1', expiryDate: '2026-01-31', quantity: 4, unitCostMinor: 25 }],
  dispatchedAt: SPEC_TIME,
  receivedQuantity: null,
  discrepancyQuantity: null,
  discrepancyReason: null,
  receivedAt: null,
  position: 1,
  revision: 0,
  ...fields,
});

const itemStream = { aggregateId: ITEM };
const itemDefinedEvent = event(
  'ItemDefined',
  {
    itemId: ITEM,
    code: 'PARA500',
    name: 'Paracetamol 500 mg',
    unitOfMeasure: 'tablet',
    packSize: 100,
    category: 'medicine',
    batchTracked: true,
    controlledSubstance: false,
    definedAt: SPEC_TIME,
  },
  itemStream,
);

describeProjectionSpecs(inventoryProjection, {
  ItemUpdated: () =>
    given(
      itemDefinedEvent,
      event(
        'ItemUpdated',
        {
          itemId: ITEM,
          name: 'Paracetamol 500 mg caplet',
          unitOfMeasure: 'caplet',
          packSize: 50,
          category: 'medicine',
          batchTracked: true,
          controlledSubstance: true,
          changedFields: ['name', 'unitOfMeasure', 'packSize', 'controlledSubstance'],
          updatedAt: SPEC_TIME,
        },
        itemStream,
      ),
    ).expect({
      [INVENTORY_ITEMS]: [
        {
          _id: `${H}:${ITEM}`,
          hospitalId: H,
          itemId: ITEM,
          code: 'PARA500',
          name: 'Paracetamol 500 mg caplet',
          unitOfMeasure: 'caplet',
          packSize: 50,
          category: 'medicine',
          batchTracked: true,
          controlledSubstance: true,
          definedAt: SPEC_TIME,
          position: 2,
          revision: 1,
        },
      ],
    }),
  ItemDefined: () =>
    given(itemDefinedEvent).expect({
      [INVENTORY_ITEMS]: [
        {
          _id: `${H}:${ITEM}`,
          hospitalId: H,
          itemId: ITEM,
          code: 'PARA500',
          name: 'Paracetamol 500 mg',
          unitOfMeasure: 'tablet',
          packSize: 100,
          category: 'medicine',
          batchTracked: true,
          controlledSubstance: false,
          definedAt: SPEC_TIME,
          position: 1,
          revision: 0,
        },
      ],
    }),
  LocationDefined: () =>
    given(
      event('LocationDefined', {
        locationId: WARD_STORE,
        code: 'W3',
        name: 'Ward 3 store',
        kind: 'ward_store',
        wardId: WARD,
        definedAt: SPEC_TIME,
      }),
    ).expect({
      [INVENTORY_LOCATIONS]: [
        {
          _id: `${H}:${WARD_STORE}`,
          hospitalId: H,
          locationId: WARD_STORE,
          code: 'W3',
          name: 'Ward 3 store',
          kind: 'ward_store',
          wardId: WARD,
          definedAt: SPEC_TIME,
          position: 1,
          revision: 0,
        },
      ],
    }),
  StockLevelsSet: () =>
    given(
      receivedEvent,
      event(
        'StockLevelsSet',
        { itemId: ITEM, locationId: PHARMACY, reorderLevel: 12, maximumLevel: 100, setAt: SPEC_TIME },
        stockStream,
      ),
    ).expect({
      [INVENTORY_STOCK_LEVELS]: [
        levelDoc({ reorderLevel: 12, maximumLevel: 100, belowReorderLevel: true, position: 2, revision: 1 }),
      ],
      [INVENTORY_STOCK_LOTS]: [lotDoc({})],
      [INVENTORY_LEDGER]: [receivedLine],
    }),
  StockReceived: () =>
    given(receivedEvent).expect({
      [INVENTORY_STOCK_LEVELS]: [levelDoc({})],
      [INVENTORY_STOCK_LOTS]: [lotDoc({})],
      [INVENTORY_LEDGER]: [receivedLine],
    }),
  StockIssuedToPatient: () =>
    given(
      receivedEvent,
      event(
        'StockIssuedToPatient',
        {
          ...out(3),
          issueId: REF,
          patientId: PATIENT,
          stayId: STAY,
          witnessId: null,
          witnessRole: null,
          issuedAt: SPEC_TIME,
        },
        stockStream,
      ),
    ).expect(afterMovement(-3, { movement: 'issued_to_patient', referenceId: REF, patientId: PATIENT, stayId: STAY })),
  StockIssuedToWard: () =>
    given(
      receivedEvent,
      event(
        'StockIssuedToWard',
        { ...out(2), issueId: REF, wardId: WARD, witnessId: 'w-1', witnessRole: 'nurse', issuedAt: SPEC_TIME },
        stockStream,
      ),
    ).expect(afterMovement(-2, { movement: 'issued_to_ward', referenceId: REF, wardId: WARD })),
  StockDispatched: () =>
    given(
      receivedEvent,
      event(
        'StockDispatched',
        { ...out(4), transferId: TRANSFER, toLocationId: WARD_STORE, dispatchedAt: SPEC_TIME },
        stockStream,
      ),
    ).expect(afterMovement(-4, { movement: 'dispatched', referenceId: TRANSFER })),
  StockReceivedFromTransfer: () =>
    given(
      receivedEvent,
      event(
        'StockReceivedFromTransfer',
        {
          ...lotFields,
          ...cost,
          quantity: 4,
          onHandAfter: 14,
          transferId: TRANSFER,
          fromLocationId: WARD_STORE,
          receivedAt: SPEC_TIME,
        },
        stockStream,
      ),
    ).expect(afterMovement(4, { movement: 'received_from_transfer', referenceId: TRANSFER })),
  StockAdjusted: () =>
    given(
      receivedEvent,
      event(
        'StockAdjusted',
        {
          ...out(1),
          adjustmentId: REF,
          countedQuantity: 9,
          difference: -1,
          reason: 'damaged',
          note: null,
          adjustedAt: SPEC_TIME,
        },
        stockStream,
      ),
    ).expect(afterMovement(-1, { movement: 'adjusted', referenceId: REF })),
  StockReturnedToVendor: () =>
    given(
      receivedEvent,
      event(
        'StockReturnedToVendor',
        { ...out(5), returnId: REF, supplier: 'Acme', reason: 'recalled', returnedAt: SPEC_TIME },
        stockStream,
      ),
    ).expect(afterMovement(-5, { movement: 'returned_to_vendor', referenceId: REF })),
  StockDisposed: () =>
    given(
      receivedEvent,
      event(
        'StockDisposed',
        {
          ...out(10),
          disposalId: REF,
          reason: 'damaged',
          witnessId: 'w-1',
          witnessRole: 'pharmacist',
          disposedAt: SPEC_TIME,
        },
        stockStream,
      ),
    ).expect(afterMovement(-10, { movement: 'disposed', referenceId: REF })),
  LotNearingExpiry: () =>
    given(
      receivedEvent,
      event(
        'LotNearingExpiry',
        { ...lotFields, quantity: 10, windowDays: 60, daysLeft: 45, sweepDate: '2025-12-17' },
        stockStream,
      ),
    ).expect({
      [INVENTORY_STOCK_LEVELS]: [levelDoc({})],
      [INVENTORY_STOCK_LOTS]: [lotDoc({ expiryAlert: 'within_60_days', position: 2 })],
      [INVENTORY_LEDGER]: [receivedLine],
    }),
  LotExpired: () =>
    given(
      receivedEvent,
      event('LotExpired', { ...lotFields, quantity: 10, sweepDate: '2026-01-31' }, stockStream),
    ).expect({
      [INVENTORY_STOCK_LEVELS]: [levelDoc({})],
      [INVENTORY_STOCK_LOTS]: [lotDoc({ expiryAlert: 'expired', position: 2 })],
      [INVENTORY_LEDGER]: [receivedLine],
    }),
  TransferDispatched: () => given(dispatchedTransfer).expect({ [INVENTORY_TRANSFERS]: [transferDoc({})] }),
  TransferReceived: () =>
    given(
      dispatchedTransfer,
      event('TransferReceived', {
        transferId: TRANSFER,
        toLocationId: WARD_STORE,
        lots: [{ lotId: LOT, lotNumber: 'L1', expiryDate: '2026-01-31', quantity: 3, unitCostMinor: 25 }],
        receivedQuantity: 3,
        discrepancyQuantity: 1,
        discrepancyReason: 'one broken',
        receivedAt: SPEC_TIME,
      }),
    ).expect({
      [INVENTORY_TRANSFERS]: [
        transferDoc({
          status: 'received',
          receivedQuantity: 3,
          discrepancyQuantity: 1,
          discrepancyReason: 'one broken',
          receivedAt: SPEC_TIME,
          position: 2,
          revision: 1,
        }),
      ],
    }),
});
