import { expect } from 'chai';
import type { DomainEvent } from '../shared/command-spec.js';
import {
  given,
  hospitalRegistered,
  hospitalSettingsChanged,
  TEST_NOW,
  testContext,
  testId,
} from '../shared/given-when-then.js';
import { daysBetween, isExpiredOn, localDate } from './dates.js';
import { INVENTORY_RULES } from './rules.js';
import {
  adjustStock,
  defineItem,
  defineLocation,
  dispatchTransfer,
  disposeStock,
  issueStock,
  receiveStock,
  receiveTransfer,
  returnToVendor,
  setStockLevels,
  sweepExpiry,
  updateItem,
} from './specs.js';

// TEST_NOW is 2025-03-01T10:00Z: "today" for every command is 2025-03-01 (UTC by default).
const ITEM = testId(1);
const PHARMACY = testId(2);
const WARD_STORE = testId(3);
const LOT_A = testId(10);
const LOT_B = testId(11);
const LOT_C = testId(12);
const NEW_ID = testId(50);
const PATIENT = testId(60);
const STAY = testId(61);
const WARD = testId(62);
const TRANSFER = testId(70);

const itemDefined = (controlledSubstance = false, batchTracked = true): DomainEvent => ({
  type: 'ItemDefined',
  data: {
    itemId: ITEM,
    code: 'PARA500',
    name: 'Paracetamol 500 mg tablet',
    unitOfMeasure: 'tablet',
    packSize: 100,
    category: 'medicine',
    batchTracked,
    controlledSubstance,
    definedAt: TEST_NOW,
  },
});
const locationDefined = (locationId = PHARMACY): DomainEvent => ({
  type: 'LocationDefined',
  data: { locationId, code: 'PH', name: 'Main pharmacy', kind: 'pharmacy', wardId: null, definedAt: TEST_NOW },
});
const received = (
  lotId: string,
  quantity: number,
  expiryDate: string | null,
  onHandAfter: number,
  unitCostMinor = 12,
) => ({
  type: 'StockReceived',
  data: {
    itemId: ITEM,
    locationId: PHARMACY,
    lotId,
    lotNumber: `L-${lotId.slice(-2)}`,
    expiryDate,
    unitCostMinor,
    currency: 'EUR',
    quantity,
    onHandAfter,
    receiptId: testId(900),
    supplier: 'Acme Pharma',
    receivedAt: TEST_NOW,
  },
});
const levelsSet = (reorderLevel: number): DomainEvent => ({
  type: 'StockLevelsSet',
  data: { itemId: ITEM, locationId: PHARMACY, reorderLevel, maximumLevel: null, setAt: TEST_NOW },
});
const lot = (lotId: string, expiryDate: string | null) => ({ lotId, lotNumber: `L-${lotId.slice(-2)}`, expiryDate });
const toPatient = { itemId: ITEM, locationId: PHARMACY, destination: 'patient', patientId: PATIENT, stayId: STAY };
const toWard = { itemId: ITEM, locationId: PHARMACY, destination: 'ward', wardId: WARD };
const issuedToPatient = (lotId: string, expiryDate: string | null, quantity: number, onHandAfter: number) => ({
  type: 'StockIssuedToPatient',
  data: {
    itemId: ITEM,
    locationId: PHARMACY,
    issueId: NEW_ID,
    witnessId: null,
    witnessRole: null,
    issuedAt: TEST_NOW,
    ...lot(lotId, expiryDate),
    unitCostMinor: 12,
    currency: 'EUR',
    quantity,
    onHandAfter,
    patientId: PATIENT,
    stayId: STAY,
  },
});
const fellBelow = (onHand: number, reorderLevel: number): DomainEvent => ({
  type: 'StockFellBelowReorderLevel',
  data: { itemId: ITEM, locationId: PHARMACY, onHand, reorderLevel, crossedAt: TEST_NOW },
});
const catalogue = { item: [itemDefined()], location: [locationDefined()] };
const ids = (...list: string[]) => testContext(list);
const as = (actorId: string, list: string[] = [NEW_ID]) => ({
  ...testContext(list),
  actor: { id: actorId, role: 'nurse' },
});
/** The sender and the witness the edge authenticated (their token's subject and acting role). */
const witnessedBy = (actorId: string, witness: { id: string; role: string }, list: string[] = [NEW_ID]) => ({
  ...as(actorId, list),
  witness,
});

// The patient and their stay, as the issue loads them (only what the aggregates' evolve reads).
const ev = (type: string, data: Record<string, unknown>): DomainEvent => ({ type, data });
const patientRegistered = ev('PatientRegistered', {
  patientId: PATIENT,
  mrn: '00000018',
  givenName: 'Ada',
  familyName: 'Lovelace',
  birthDate: '1980-05-01',
  sex: 'female',
  nationalId: null,
  registeredAt: TEST_NOW,
});
const admissionRequested = (patientId = PATIENT) =>
  ev('AdmissionRequested', { stayId: STAY, patientId, wardId: WARD, reason: null, requestedAt: TEST_NOW });
const admitted = ev('PatientAdmitted', { stayId: STAY, patientId: PATIENT, bedId: testId(63), wardId: WARD });
const inStay = { patient: [patientRegistered], stay: [admissionRequested(), admitted] };
const wardDefined = {
  ward: [ev('WardDefined', { wardId: WARD, name: 'Ward 3', specialty: 'medical', definedAt: TEST_NOW })],
};

describe('inventory decider', () => {
  describe('items and locations', () => {
    it('defines an item and claims its code (upper case)', () => {
      given({})
        .when(
          defineItem,
          {
            code: 'para500',
            name: 'Paracetamol 500 mg tablet',
            unitOfMeasure: 'tablet',
            packSize: 100,
            category: 'medicine',
          },
          ids(ITEM),
        )
        .thenEvents({
          item: [itemDefined()],
          code: [{ type: 'ItemCodeClaimed', data: { code: 'PARA500', itemId: ITEM, claimedAt: TEST_NOW } }],
        });
    });

    it('updates an item: every changeable field restated, the changed ones named', () => {
      given({ item: [itemDefined()] })
        .when(updateItem, { itemId: ITEM, name: 'Paracetamol 500 mg caplet', controlledSubstance: true })
        .thenEvents({
          item: [
            {
              type: 'ItemUpdated',
              data: {
                itemId: ITEM,
                name: 'Paracetamol 500 mg caplet',
                unitOfMeasure: 'tablet',
                packSize: 100,
                category: 'medicine',
                batchTracked: true,
                controlledSubstance: true,
                changedFields: ['name', 'controlledSubstance'],
                updatedAt: TEST_NOW,
              },
            },
          ],
        });
    });

    it('an item made controlled needs a witness from then on', () => {
      const reclassified = ev('ItemUpdated', {
        itemId: ITEM,
        name: 'Paracetamol 500 mg tablet',
        unitOfMeasure: 'tablet',
        packSize: 100,
        category: 'medicine',
        batchTracked: true,
        controlledSubstance: true,
        changedFields: ['controlledSubstance'],
        updatedAt: TEST_NOW,
      });
      given({ item: [itemDefined(), reclassified], stock: [received(LOT_A, 5, '2026-06-30', 5)], ...inStay })
        .when(issueStock, { ...toPatient, quantity: 1 }, as('nurse-1'))
        .thenRejects('witness-required');
    });

    it('refuses item-unchanged and item-not-found; the body needs a field to change', () => {
      given({ item: [itemDefined()] })
        .when(updateItem, { itemId: ITEM, name: 'Paracetamol 500 mg tablet', packSize: 100 })
        .thenRejects('item-unchanged');
      given({}).when(updateItem, { itemId: ITEM, name: 'x' }).thenRejects('item-not-found');
      const result = updateItem.body.safeParse({ itemId: ITEM });
      expect(result.success).to.equal(false);
    });

    it('refuses item-code-taken', () => {
      given({ code: [{ type: 'ItemCodeClaimed', data: { code: 'PARA500', itemId: testId(99), claimedAt: TEST_NOW } }] })
        .when(defineItem, { code: 'PARA500', name: 'x', unitOfMeasure: 'tablet', category: 'medicine' }, ids(ITEM))
        .thenRejects('item-code-taken');
    });

    it('refuses a ward store for a ward not defined here: ward-not-found', () => {
      given({})
        .when(defineLocation, { code: 'W3', name: 'Ward 3 store', kind: 'ward_store', wardId: WARD }, ids(WARD_STORE))
        .thenRejects('ward-not-found');
    });

    it('defines a ward store for a ward; refuses ward-store-needs-ward either way round', () => {
      given(wardDefined)
        .when(defineLocation, { code: 'W3', name: 'Ward 3 store', kind: 'ward_store', wardId: WARD }, ids(WARD_STORE))
        .thenEvents({
          location: [
            {
              type: 'LocationDefined',
              data: {
                locationId: WARD_STORE,
                code: 'W3',
                name: 'Ward 3 store',
                kind: 'ward_store',
                wardId: WARD,
                definedAt: TEST_NOW,
              },
            },
          ],
        });
      given({})
        .when(defineLocation, { code: 'W3', name: 'x', kind: 'ward_store' })
        .thenRejects('ward-store-needs-ward');
      given({})
        .when(defineLocation, { code: 'P', name: 'x', kind: 'pharmacy', wardId: WARD })
        .thenRejects('ward-store-needs-ward');
    });
  });

  describe('receive', () => {
    const body = {
      itemId: ITEM,
      locationId: PHARMACY,
      lotNumber: 'L-0a',
      expiryDate: '2026-01-31',
      quantity: 40,
      unitCostMinor: 12,
      supplier: 'Acme Pharma',
    };

    it('receives a first lot and registers the new stock point', () => {
      given(catalogue)
        .when(receiveStock, body, ids(testId(900), LOT_A))
        .thenEvents({
          stock: [received(LOT_A, 40, '2026-01-31', 40)],
          register: [
            { type: 'StockPointRegistered', data: { itemId: ITEM, locationId: PHARMACY, registeredAt: TEST_NOW } },
          ],
        });
    });

    it('adds a second lot to the running balance, no register line', () => {
      given({ ...catalogue, stock: [received(LOT_A, 40, '2026-01-31', 40)] })
        .when(receiveStock, { ...body, lotNumber: 'L-0b', quantity: 10 }, ids(testId(900), LOT_B))
        .thenEvents({ stock: [received(LOT_B, 10, '2026-01-31', 50)] });
    });

    it('refuses item-not-found, location-not-found, lot-number-required, lot-already-expired', () => {
      given({ location: [locationDefined()] })
        .when(receiveStock, body)
        .thenRejects('item-not-found');
      given({ item: [itemDefined()] })
        .when(receiveStock, body)
        .thenRejects('location-not-found');
      given(catalogue)
        .when(receiveStock, { ...body, lotNumber: undefined })
        .thenRejects('lot-number-required');
      given(catalogue)
        .when(receiveStock, { ...body, expiryDate: '2025-03-01' })
        .thenRejects('lot-already-expired');
    });

    it('values the lot in the hospital’s currency (from its settings)', () => {
      const usd = received(LOT_A, 40, '2026-01-31', 40);
      given(catalogue, { hospital: [hospitalRegistered({ currency: 'USD' })] })
        .when(receiveStock, body, ids(testId(900), LOT_A))
        .thenEvents({
          stock: [{ ...usd, data: { ...usd.data, currency: 'USD' } }],
          register: [
            { type: 'StockPointRegistered', data: { itemId: ITEM, locationId: PHARMACY, registeredAt: TEST_NOW } },
          ],
        });
    });

    it('an item not tracked by lot is received without a lot number', () => {
      given({ item: [itemDefined(false, false)], location: [locationDefined()] })
        .when(receiveStock, { ...body, lotNumber: undefined, expiryDate: undefined }, ids(testId(900), LOT_A))
        .thenEvents({
          stock: [
            { ...received(LOT_A, 40, null, 40), data: { ...received(LOT_A, 40, null, 40).data, lotNumber: 'NO-LOT' } },
          ],
          register: [
            { type: 'StockPointRegistered', data: { itemId: ITEM, locationId: PHARMACY, registeredAt: TEST_NOW } },
          ],
        });
    });
  });

  describe('issue', () => {
    // Lot B expires first, lot A later, lot C has expired (2025-03-01 is today: expired from that day).
    const stock = [
      received(LOT_A, 5, '2026-06-30', 5),
      received(LOT_B, 3, '2025-09-30', 8),
      received(LOT_C, 4, '2025-03-01', 12),
    ];

    it('issues first expiry first out across lots, skipping the expired lot, one event per lot', () => {
      given({ item: [itemDefined()], stock, ...inStay })
        .when(issueStock, { ...toPatient, quantity: 4 }, as('nurse-1'))
        .thenEvents({
          stock: [issuedToPatient(LOT_B, '2025-09-30', 3, 9), issuedToPatient(LOT_A, '2026-06-30', 1, 8)],
        });
    });

    it('issues to a ward', () => {
      given({ item: [itemDefined()], stock, ...wardDefined })
        .when(issueStock, { ...toWard, quantity: 2 }, as('nurse-1'))
        .thenEvents({
          stock: [
            {
              type: 'StockIssuedToWard',
              data: {
                itemId: ITEM,
                locationId: PHARMACY,
                issueId: NEW_ID,
                witnessId: null,
                witnessRole: null,
                issuedAt: TEST_NOW,
                ...lot(LOT_B, '2025-09-30'),
                unitCostMinor: 12,
                currency: 'EUR',
                quantity: 2,
                onHandAfter: 10,
                wardId: WARD,
              },
            },
          ],
        });
    });

    it('refuses insufficient-stock: never below zero (and nothing received yet)', () => {
      given({ item: [itemDefined()], stock, ...inStay })
        .when(issueStock, { ...toPatient, quantity: 13 })
        .thenRejects('insufficient-stock');
      given({ item: [itemDefined()], ...inStay })
        .when(issueStock, { ...toPatient, quantity: 1 })
        .thenRejects('insufficient-stock');
    });

    it('refuses expired-stock-not-issuable when only expired units would cover it', () => {
      given({ item: [itemDefined()], stock, ...inStay })
        .when(issueStock, { ...toPatient, quantity: 9 })
        .thenRejects('expired-stock-not-issuable');
    });

    it('refuses item-not-found', () => {
      given({ stock, ...inStay })
        .when(issueStock, { ...toPatient, quantity: 1 })
        .thenRejects('item-not-found');
    });

    it('a controlled substance: witness-required, witness-is-issuer, and issued with another witness', () => {
      const controlled = { item: [itemDefined(true)], stock, ...inStay };
      given(controlled)
        .when(issueStock, { ...toPatient, quantity: 1 }, as('nurse-1'))
        .thenRejects('witness-required');
      given(controlled)
        .when(issueStock, { ...toPatient, quantity: 1 }, witnessedBy('nurse-1', { id: 'nurse-1', role: 'nurse' }))
        .thenRejects('witness-is-issuer');
      const witnessed = issuedToPatient(LOT_B, '2025-09-30', 1, 11);
      given(controlled)
        .when(issueStock, { ...toPatient, quantity: 1 }, witnessedBy('nurse-1', { id: 'pharm-2', role: 'pharmacist' }))
        .thenEvents({
          stock: [{ ...witnessed, data: { ...witnessed.data, witnessId: 'pharm-2', witnessRole: 'pharmacist' } }],
        });
    });

    it('an item not controlled: no witness needed, but one sent is recorded (and never the issuer)', () => {
      const witnessed = issuedToPatient(LOT_B, '2025-09-30', 1, 11);
      given({ item: [itemDefined()], stock, ...inStay })
        .when(issueStock, { ...toPatient, quantity: 1 }, witnessedBy('nurse-1', { id: 'nurse-2', role: 'nurse' }))
        .thenEvents({
          stock: [{ ...witnessed, data: { ...witnessed.data, witnessId: 'nurse-2', witnessRole: 'nurse' } }],
        });
      given({ item: [itemDefined()], stock, ...inStay })
        .when(issueStock, { ...toPatient, quantity: 1 }, witnessedBy('nurse-1', { id: 'nurse-1', role: 'nurse' }))
        .thenRejects('witness-is-issuer');
    });

    describe('to a patient: registered, alive, not erased, and their stay open', () => {
      const issue = (history: Record<string, DomainEvent[]>) =>
        given({ item: [itemDefined()], stock, ...history }).when(issueStock, { ...toPatient, quantity: 1 }, as('n'));
      const patientWith = (...events: DomainEvent[]) => ({ ...inStay, patient: [patientRegistered, ...events] });
      const stayWith = (...events: DomainEvent[]) => ({ ...inStay, stay: events });

      it('issues while the stay is in progress or on leave', () => {
        issue(inStay).thenEvents({ stock: [issuedToPatient(LOT_B, '2025-09-30', 1, 11)] });
        const onLeave = ev('LeaveStarted', {
          stayId: STAY,
          patientId: PATIENT,
          expectedReturnAt: null,
          startedAt: TEST_NOW,
        });
        issue(stayWith(admissionRequested(), admitted, onLeave)).thenEvents({
          stock: [issuedToPatient(LOT_B, '2025-09-30', 1, 11)],
        });
      });

      it('refuses patient-not-found (never registered here)', () => {
        issue({ stay: inStay.stay }).thenRejects('patient-not-found');
      });

      it('refuses patient-voided (merged into another record)', () => {
        issue(
          patientWith(
            ev('PatientMergedInto', { patientId: PATIENT, survivorPatientId: testId(99), mergedAt: TEST_NOW }),
          ),
        ).thenRejects('patient-voided');
      });

      it('refuses patient-deceased', () => {
        issue(
          patientWith(
            ev('PatientDeathRecorded', { patientId: PATIENT, diedAt: TEST_NOW, causeCode: null, recordedAt: TEST_NOW }),
          ),
        ).thenRejects('patient-deceased');
      });

      it('refuses patient-data-erased', () => {
        issue(patientWith(ev('PatientPersonalDataErased', { patientId: PATIENT, erasedAt: TEST_NOW }))).thenRejects(
          'patient-data-erased',
        );
      });

      it('refuses stay-not-found', () => {
        issue({ patient: inStay.patient }).thenRejects('stay-not-found');
      });

      it('refuses stay-not-of-patient', () => {
        issue(stayWith(admissionRequested(testId(98)))).thenRejects('stay-not-of-patient');
      });

      it('refuses stay-not-open: planned, finished or cancelled', () => {
        issue(stayWith(admissionRequested())).thenRejects('stay-not-open');
        const discharged = ev('PatientDischarged', {
          stayId: STAY,
          patientId: PATIENT,
          bedId: testId(63),
          reason: 'home',
          disposition: 'home',
          dischargedAt: TEST_NOW,
        });
        issue(stayWith(admissionRequested(), admitted, discharged)).thenRejects('stay-not-open');
        const cancelled = ev('AdmissionCancelled', {
          stayId: STAY,
          patientId: PATIENT,
          reason: null,
          cancelledAt: TEST_NOW,
        });
        issue(stayWith(admissionRequested(), cancelled)).thenRejects('stay-not-open');
      });

      it('refuses ward-not-found: a ward issue goes to a ward defined here', () => {
        given({ item: [itemDefined()], stock })
          .when(issueStock, { ...toWard, quantity: 1 }, as('n'))
          .thenRejects('ward-not-found');
      });

      it('loads the patient and the stay with the command; a ward issue loads the ward instead', () => {
        const ctx = as('n');
        const keys = (body: object) =>
          Object.keys(issueStock.streams(issueStock.toCommand(issueStock.body.parse(body), ctx)));
        expect(keys({ ...toPatient, quantity: 1 })).to.deep.equal(['stock', 'item', 'patient', 'stay']);
        expect(keys({ ...toWard, quantity: 1 })).to.deep.equal(['stock', 'item', 'ward']);
      });
    });

    it('raises the fall below the reorder level once per crossing, again after stock came back', () => {
      const withLevel = [levelsSet(10), ...stock];
      given({ item: [itemDefined()], stock: withLevel, ...inStay })
        .when(issueStock, { ...toPatient, quantity: 3 }, as('nurse-1'))
        .thenEvents({ stock: [issuedToPatient(LOT_B, '2025-09-30', 3, 9), fellBelow(9, 10)] });
      const afterCrossing = [...withLevel, issuedToPatient(LOT_B, '2025-09-30', 3, 9), fellBelow(9, 10)];
      given({ item: [itemDefined()], stock: afterCrossing, ...inStay })
        .when(issueStock, { ...toPatient, quantity: 1 }, as('nurse-1'))
        .thenEvents({ stock: [issuedToPatient(LOT_A, '2026-06-30', 1, 8)] });
      const restocked = [...afterCrossing, received(LOT_A, 5, '2026-06-30', 14)];
      given({ item: [itemDefined()], stock: restocked, ...inStay })
        .when(issueStock, { ...toPatient, quantity: 5 }, as('nurse-1'))
        .thenEvents({ stock: [issuedToPatient(LOT_A, '2026-06-30', 5, 9), fellBelow(9, 10)] });
    });

    it('the body names the destination’s fields (field-level errors)', () => {
      const result = issueStock.body.safeParse({ ...toWard, wardId: undefined, patientId: PATIENT, quantity: 1 });
      expect(result.success).to.equal(false);
      const paths = result.error?.issues.map((i) => i.path.join('.'));
      expect(paths).to.have.members(['wardId', 'patientId']);
    });
  });

  describe('levels', () => {
    it('sets levels (registering a new point) and raises a crossing when the level is above the stock', () => {
      given(catalogue)
        .when(setStockLevels, { itemId: ITEM, locationId: PHARMACY, reorderLevel: 10 })
        .thenEvents({
          stock: [levelsSet(10), fellBelow(0, 10)],
          register: [
            { type: 'StockPointRegistered', data: { itemId: ITEM, locationId: PHARMACY, registeredAt: TEST_NOW } },
          ],
        });
      given({ ...catalogue, stock: [received(LOT_A, 5, null, 5)] })
        .when(setStockLevels, { itemId: ITEM, locationId: PHARMACY, reorderLevel: 10 })
        .thenEvents({ stock: [levelsSet(10), fellBelow(5, 10)] });
    });

    it('refuses maximum-below-reorder-level, item-not-found, location-not-found', () => {
      const body = { itemId: ITEM, locationId: PHARMACY, reorderLevel: 10 };
      given(catalogue)
        .when(setStockLevels, { ...body, maximumLevel: 5 })
        .thenRejects('maximum-below-reorder-level');
      given({ location: [locationDefined()] })
        .when(setStockLevels, body)
        .thenRejects('item-not-found');
      given({ item: [itemDefined()] })
        .when(setStockLevels, body)
        .thenRejects('location-not-found');
    });
  });

  describe('transfers', () => {
    const stock = [received(LOT_A, 5, '2026-06-30', 5), received(LOT_B, 3, '2025-09-30', 8)];
    const dispatchBody = { itemId: ITEM, fromLocationId: PHARMACY, toLocationId: WARD_STORE, quantity: 4 };
    const dispatchedLots = [
      { ...lot(LOT_B, '2025-09-30'), quantity: 3, unitCostMinor: 12 },
      { ...lot(LOT_A, '2026-06-30'), quantity: 1, unitCostMinor: 12 },
    ];
    const dispatched: DomainEvent = {
      type: 'TransferDispatched',
      data: {
        transferId: TRANSFER,
        itemId: ITEM,
        fromLocationId: PHARMACY,
        toLocationId: WARD_STORE,
        lots: dispatchedLots,
        quantity: 4,
        currency: 'EUR',
        dispatchedAt: TEST_NOW,
      },
    };

    it('dispatches first expiry first out: the transfer is in transit, the source stock goes down', () => {
      const out = (l: (typeof dispatchedLots)[number], onHandAfter: number) => ({
        type: 'StockDispatched',
        data: {
          itemId: ITEM,
          locationId: PHARMACY,
          ...l,
          currency: 'EUR',
          onHandAfter,
          transferId: TRANSFER,
          toLocationId: WARD_STORE,
          dispatchedAt: TEST_NOW,
        },
      });
      given({ stock, item: [itemDefined()], destination: [locationDefined(WARD_STORE)] })
        .when(dispatchTransfer, dispatchBody, ids(TRANSFER))
        .thenEvents({ transfer: [dispatched], stock: [out(dispatchedLots[0]!, 5), out(dispatchedLots[1]!, 4)] });
    });

    it('refuses same-location, location-not-found, insufficient-stock', () => {
      const loaded = { stock, item: [itemDefined()], destination: [locationDefined(WARD_STORE)] };
      given({ stock, item: [itemDefined()] })
        .when(dispatchTransfer, { ...dispatchBody, toLocationId: PHARMACY })
        .thenRejects('same-location');
      given({ stock, item: [itemDefined()] })
        .when(dispatchTransfer, dispatchBody)
        .thenRejects('location-not-found');
      given(loaded)
        .when(dispatchTransfer, { ...dispatchBody, quantity: 9 })
        .thenRejects('insufficient-stock');
    });

    it('receives in full at the destination, opening its stock point', () => {
      given({ transfer: [dispatched] })
        .when(receiveTransfer, {
          transferId: TRANSFER,
          lots: [
            { lotId: LOT_B, quantity: 3 },
            { lotId: LOT_A, quantity: 1 },
          ],
        })
        .thenEvents({
          transfer: [
            {
              type: 'TransferReceived',
              data: {
                transferId: TRANSFER,
                toLocationId: WARD_STORE,
                lots: dispatchedLots,
                receivedQuantity: 4,
                discrepancyQuantity: 0,
                discrepancyReason: null,
                receivedAt: TEST_NOW,
              },
            },
          ],
          stock: [
            {
              type: 'StockReceivedFromTransfer',
              data: {
                itemId: ITEM,
                locationId: WARD_STORE,
                ...dispatchedLots[0]!,
                currency: 'EUR',
                onHandAfter: 3,
                transferId: TRANSFER,
                fromLocationId: PHARMACY,
                receivedAt: TEST_NOW,
              },
            },
            {
              type: 'StockReceivedFromTransfer',
              data: {
                itemId: ITEM,
                locationId: WARD_STORE,
                ...dispatchedLots[1]!,
                currency: 'EUR',
                onHandAfter: 4,
                transferId: TRANSFER,
                fromLocationId: PHARMACY,
                receivedAt: TEST_NOW,
              },
            },
          ],
          register: [
            { type: 'StockPointRegistered', data: { itemId: ITEM, locationId: WARD_STORE, registeredAt: TEST_NOW } },
          ],
        });
    });

    it('receives everything when the receipt names no lots', () => {
      const arrived = (l: (typeof dispatchedLots)[number], onHandAfter: number) => ({
        type: 'StockReceivedFromTransfer',
        data: {
          itemId: ITEM,
          locationId: WARD_STORE,
          ...l,
          currency: 'EUR',
          onHandAfter,
          transferId: TRANSFER,
          fromLocationId: PHARMACY,
          receivedAt: TEST_NOW,
        },
      });
      given({ transfer: [dispatched] })
        .when(receiveTransfer, { transferId: TRANSFER })
        .thenEvents({
          transfer: [
            {
              type: 'TransferReceived',
              data: {
                transferId: TRANSFER,
                toLocationId: WARD_STORE,
                lots: dispatchedLots,
                receivedQuantity: 4,
                discrepancyQuantity: 0,
                discrepancyReason: null,
                receivedAt: TEST_NOW,
              },
            },
          ],
          stock: [arrived(dispatchedLots[0]!, 3), arrived(dispatchedLots[1]!, 4)],
          register: [
            { type: 'StockPointRegistered', data: { itemId: ITEM, locationId: WARD_STORE, registeredAt: TEST_NOW } },
          ],
        });
    });

    it('receives part of it with a discrepancy and its reason', () => {
      given({ transfer: [dispatched] })
        .when(receiveTransfer, {
          transferId: TRANSFER,
          lots: [{ lotId: LOT_B, quantity: 2 }],
          discrepancyReason: 'One box crushed in transit',
        })
        .thenEvents({
          transfer: [
            {
              type: 'TransferReceived',
              data: {
                transferId: TRANSFER,
                toLocationId: WARD_STORE,
                lots: [{ ...dispatchedLots[0]!, quantity: 2 }],
                receivedQuantity: 2,
                discrepancyQuantity: 2,
                discrepancyReason: 'One box crushed in transit',
                receivedAt: TEST_NOW,
              },
            },
          ],
          stock: [
            {
              type: 'StockReceivedFromTransfer',
              data: {
                itemId: ITEM,
                locationId: WARD_STORE,
                ...dispatchedLots[0]!,
                quantity: 2,
                currency: 'EUR',
                onHandAfter: 2,
                transferId: TRANSFER,
                fromLocationId: PHARMACY,
                receivedAt: TEST_NOW,
              },
            },
          ],
          register: [
            { type: 'StockPointRegistered', data: { itemId: ITEM, locationId: WARD_STORE, registeredAt: TEST_NOW } },
          ],
        });
    });

    it('refuses transfer-not-found, transfer-already-received, lot-not-in-transfer, received-more-than-dispatched, discrepancy-reason-required', () => {
      const body = {
        transferId: TRANSFER,
        lots: [
          { lotId: LOT_B, quantity: 3 },
          { lotId: LOT_A, quantity: 1 },
        ],
      };
      given({}).when(receiveTransfer, body).thenRejects('transfer-not-found');
      given({
        transfer: [
          dispatched,
          {
            type: 'TransferReceived',
            data: {
              ...(dispatched.data as object),
              toLocationId: WARD_STORE,
              receivedQuantity: 4,
              discrepancyQuantity: 0,
              discrepancyReason: null,
              receivedAt: TEST_NOW,
            },
          },
        ],
      })
        .when(receiveTransfer, body)
        .thenRejects('transfer-already-received');
      given({ transfer: [dispatched] })
        .when(receiveTransfer, { transferId: TRANSFER, lots: [{ lotId: LOT_C, quantity: 1 }] })
        .thenRejects('lot-not-in-transfer');
      given({ transfer: [dispatched] })
        .when(receiveTransfer, { transferId: TRANSFER, lots: [{ lotId: LOT_B, quantity: 4 }] })
        .thenRejects('received-more-than-dispatched');
      given({ transfer: [dispatched] })
        .when(receiveTransfer, { transferId: TRANSFER, lots: [{ lotId: LOT_B, quantity: 3 }] })
        .thenRejects('discrepancy-reason-required');
    });
  });

  describe('count, return, dispose', () => {
    const stock = [levelsSet(6), received(LOT_A, 5, '2026-06-30', 5), received(LOT_C, 4, '2025-03-01', 9)];
    const lotBody = { itemId: ITEM, locationId: PHARMACY };
    const lotFields = (lotId: string, expiryDate: string) => ({
      itemId: ITEM,
      locationId: PHARMACY,
      ...lot(lotId, expiryDate),
      unitCostMinor: 12,
      currency: 'EUR',
    });

    it('adjusts after a count, with the difference and the running balance (and a reorder crossing)', () => {
      given({ stock })
        .when(adjustStock, { ...lotBody, lotId: LOT_A, countedQuantity: 1, reason: 'theft' }, ids(NEW_ID))
        .thenEvents({
          stock: [
            {
              type: 'StockAdjusted',
              data: {
                ...lotFields(LOT_A, '2026-06-30'),
                quantity: 4,
                onHandAfter: 5,
                adjustmentId: NEW_ID,
                countedQuantity: 1,
                difference: -4,
                reason: 'theft',
                note: null,
                adjustedAt: TEST_NOW,
              },
            },
            fellBelow(5, 6),
          ],
        });
    });

    it('refuses count-matches-books and lot-not-found', () => {
      given({ stock })
        .when(adjustStock, { ...lotBody, lotId: LOT_A, countedQuantity: 5, reason: 'count_difference' })
        .thenRejects('count-matches-books');
      given({ stock })
        .when(adjustStock, { ...lotBody, lotId: LOT_B, countedQuantity: 5, reason: 'count_difference' })
        .thenRejects('lot-not-found');
    });

    it('returns to the vendor; refuses more than the lot holds', () => {
      given({ stock })
        .when(
          returnToVendor,
          { ...lotBody, lotId: LOT_A, quantity: 2, supplier: 'Acme Pharma', reason: 'recalled' },
          ids(NEW_ID),
        )
        .thenEvents({
          stock: [
            {
              type: 'StockReturnedToVendor',
              data: {
                ...lotFields(LOT_A, '2026-06-30'),
                quantity: 2,
                onHandAfter: 7,
                returnId: NEW_ID,
                supplier: 'Acme Pharma',
                reason: 'recalled',
                returnedAt: TEST_NOW,
              },
            },
          ],
        });
      given({ stock })
        .when(returnToVendor, { ...lotBody, lotId: LOT_A, quantity: 6, supplier: 'Acme', reason: 'recalled' })
        .thenRejects('insufficient-stock');
    });

    it('disposes of an expired lot with a witness; refuses witness-is-issuer and lot-not-expired', () => {
      const pharmacist = { id: 'pharmacist-2', role: 'pharmacist' };
      given({ stock })
        .when(
          disposeStock,
          { ...lotBody, lotId: LOT_C, quantity: 4, reason: 'expired' },
          witnessedBy('store-1', pharmacist, [NEW_ID]),
        )
        .thenEvents({
          stock: [
            {
              type: 'StockDisposed',
              data: {
                ...lotFields(LOT_C, '2025-03-01'),
                quantity: 4,
                onHandAfter: 5,
                disposalId: NEW_ID,
                reason: 'expired',
                witnessId: 'pharmacist-2',
                witnessRole: 'pharmacist',
                disposedAt: TEST_NOW,
              },
            },
            fellBelow(5, 6),
          ],
        });
      given({ stock })
        .when(
          disposeStock,
          { ...lotBody, lotId: LOT_C, quantity: 4, reason: 'expired' },
          witnessedBy('store-1', { id: 'store-1', role: 'storekeeper' }),
        )
        .thenRejects('witness-is-issuer');
      given({ stock })
        .when(
          disposeStock,
          { ...lotBody, lotId: LOT_A, quantity: 1, reason: 'expired' },
          witnessedBy('store-1', pharmacist),
        )
        .thenRejects('lot-not-expired');
    });

    it('refuses a disposal without a witness: witness-required, whatever the item', () => {
      given({ stock })
        .when(disposeStock, { ...lotBody, lotId: LOT_A, quantity: 1, reason: 'damaged' }, as('store-1'))
        .thenRejects('witness-required');
    });
  });

  describe('expiry sweep', () => {
    const stock = [
      received(LOT_A, 5, '2025-05-20', 5), // 80 days after 2025-03-01
      received(LOT_B, 3, '2025-03-20', 8), // 19 days
      received(LOT_C, 4, '2025-02-28', 12), // expired
    ];
    const sweep = { itemId: ITEM, locationId: PHARMACY, date: '2025-03-01' };
    const common = (lotId: string, expiryDate: string, quantity: number) => ({
      itemId: ITEM,
      locationId: PHARMACY,
      ...lot(lotId, expiryDate),
      quantity,
      sweepDate: '2025-03-01',
    });
    const nearing = (lotId: string, expiryDate: string, quantity: number, windowDays: number, daysLeft: number) => ({
      type: 'LotNearingExpiry',
      data: { ...common(lotId, expiryDate, quantity), windowDays, daysLeft },
    });
    const firstRun = [
      nearing(LOT_A, '2025-05-20', 5, 90, 80),
      nearing(LOT_B, '2025-03-20', 3, 30, 19),
      { type: 'LotExpired', data: common(LOT_C, '2025-02-28', 4) },
    ];

    it('raises each lot entering a window (the narrowest it is in) and each expired lot', () => {
      given({ stock }).when(sweepExpiry, sweep).thenEvents({ stock: firstRun });
    });

    it('run twice on the same day raises nothing new', () => {
      given({ stock: [...stock, ...firstRun] })
        .when(sweepExpiry, sweep)
        .thenEvents({});
    });

    it('a later day raises only the windows newly entered', () => {
      given({ stock: [...stock, ...firstRun] })
        .when(sweepExpiry, { ...sweep, date: '2025-04-01' }) // lot A: 49 days left → 60; lot B expires 03-20 → expired
        .thenEvents({
          stock: [
            {
              type: 'LotNearingExpiry',
              data: { ...common(LOT_A, '2025-05-20', 5), sweepDate: '2025-04-01', windowDays: 60, daysLeft: 49 },
            },
            { type: 'LotExpired', data: { ...common(LOT_B, '2025-03-20', 3), sweepDate: '2025-04-01' } },
          ],
        });
    });

    it('without a date, sweeps the hospital’s local date (its time zone, from the settings)', () => {
      // 10:00 UTC on 1 March is already 2 March on Kiritimati (UTC+14): lot C (2025-02-28) and a lot
      // expiring on 2 March are expired there.
      const lots = [received(LOT_A, 5, '2025-03-02', 5)];
      const kiritimati = [hospitalRegistered({ timeZone: 'Pacific/Kiritimati' })];
      given({ stock: lots }, { hospital: kiritimati })
        .when(sweepExpiry, { itemId: ITEM, locationId: PHARMACY })
        .thenEvents({
          stock: [{ type: 'LotExpired', data: { ...common(LOT_A, '2025-03-02', 5), sweepDate: '2025-03-02' } }],
        });
      given({ stock: lots })
        .when(sweepExpiry, { itemId: ITEM, locationId: PHARMACY })
        .thenEvents({ stock: [nearing(LOT_A, '2025-03-02', 5, 30, 1)] });
    });

    it('uses the hospital’s own warning windows', () => {
      const hospital = [
        hospitalRegistered(),
        hospitalSettingsChanged(1, '2025-02-01T00:00:00.000Z', { stockExpiryWarningDays: [120, 14] }),
      ];
      given({ stock: [received(LOT_A, 5, '2025-05-20', 5)] }, { hospital })
        .when(sweepExpiry, sweep)
        .thenEvents({ stock: [nearing(LOT_A, '2025-05-20', 5, 120, 80)] });
    });

    it('skips lots with no stock; refuses stock-point-not-found', () => {
      const empty = [received(LOT_C, 4, '2025-02-28', 4), { ...issuedToPatient(LOT_C, '2025-02-28', 4, 0) }];
      given({ stock: empty }).when(sweepExpiry, sweep).thenEvents({});
      given({}).when(sweepExpiry, sweep).thenRejects('stock-point-not-found');
    });
  });

  describe('dates', () => {
    it('takes the local date in the hospital’s time zone, counts days, and expires from the expiry date on', () => {
      expect(localDate('2025-03-01T23:30:00Z', 'Europe/Paris')).to.equal('2025-03-02');
      expect(localDate('2025-03-01T03:30:00Z', 'America/New_York')).to.equal('2025-02-28');
      expect(daysBetween('2025-03-01', '2025-05-30')).to.equal(90);
      expect(isExpiredOn('2025-03-01', '2025-03-01')).to.equal(true);
      expect(isExpiredOn('2025-03-02', '2025-03-01')).to.equal(false);
      expect(isExpiredOn(null, '2999-01-01')).to.equal(false);
    });
  });

  it('every rule has a test here that reaches it', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(new URL('./decider.test.ts', import.meta.url), 'utf8');
    for (const rule of Object.keys(INVENTORY_RULES)) expect(source, rule).to.include(`'${rule}'`);
  });
});
