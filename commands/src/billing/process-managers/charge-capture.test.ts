import { given, triggering } from '../../process-manager/given-when-then.js';
import type { DomainEvent } from '../../shared/command-spec.js';
import { TEST_HOSPITAL, testId } from '../../shared/given-when-then.js';
import { derivedChargeId } from '../decider.js';
import { chargeCapture } from './charge-capture.js';

const STAY = testId(1);
const PAT = testId(2);
const WARD = testId(3);
const ICU = testId(4);
const BED = testId(5);
const BED2 = testId(6);
const ITEM = testId(7);
const ADMITTED = '2025-03-01T10:00:00.000Z';

const ev = (type: string, data: Record<string, unknown>): DomainEvent => ({ type, data });
const hospital = ev('HospitalRegistered', {
  hospitalId: TEST_HOSPITAL,
  name: 'St Test',
  timeZone: 'UTC',
  currency: 'EUR',
  registeredAt: '2025-01-01T00:00:00.000Z',
});
const price = (specialty: string) =>
  ev('ServicePriceSet', {
    serviceCode: `bed-day:${specialty}`,
    kind: 'bed_day',
    description: `Bed-day ${specialty}`,
    unitPrice: 30000,
    markupBasisPoints: 0,
    taxBasisPoints: 0,
    currency: 'EUR',
    effectiveFrom: '2025-01-01',
    setAt: '2025-01-01T00:00:00.000Z',
  });
const ward = (wardId: string, specialty: string) =>
  ev('WardDefined', { wardId, name: specialty, specialty, definedAt: '2025-01-01T00:00:00.000Z' });
const accountOpened = [
  ev('AccountOpened', {
    accountId: STAY,
    patientId: PAT,
    kind: 'inpatient',
    stayId: STAY,
    currency: 'EUR',
    openedAt: ADMITTED,
  }),
  ev('StayWardRecorded', { accountId: STAY, stayId: STAY, wardId: WARD, specialty: 'medical', from: ADMITTED }),
];
const base = {
  [`hospital.${TEST_HOSPITAL}`]: [hospital],
  'priceList.prices': [
    price('medical'),
    price('intensive_care'),
    ev('ServicePriceSet', {
      serviceCode: 'lab:2345-7',
      kind: 'lab_test',
      description: 'Glucose',
      unitPrice: 1200,
      markupBasisPoints: 0,
      taxBasisPoints: 0,
      currency: 'EUR',
      effectiveFrom: '2025-01-01',
      setAt: '2025-01-01T00:00:00.000Z',
    }),
    ev('ServicePriceSet', {
      serviceCode: `stock:${ITEM}`,
      kind: 'stock_item',
      description: 'Saline 0.9 % 1 l',
      unitPrice: 0,
      markupBasisPoints: 2500,
      taxBasisPoints: 0,
      currency: 'EUR',
      effectiveFrom: '2025-01-01',
      setAt: '2025-01-01T00:00:00.000Z',
    }),
  ],
  [`ward.${WARD}`]: [ward(WARD, 'medical')],
  [`ward.${ICU}`]: [ward(ICU, 'intensive_care')],
};

const admitted = () =>
  triggering('admissions.PatientAdmitted', {
    stayId: STAY,
    patientId: PAT,
    bedId: BED,
    wardId: WARD,
    admittedAt: ADMITTED,
  });
const transferred = (at = '2025-03-03T10:00:00.000Z') =>
  triggering('admissions.PatientTransferred', {
    stayId: STAY,
    patientId: PAT,
    fromBedId: BED,
    toBedId: BED2,
    toWardId: ICU,
    swappedWithStayId: null,
    transferredAt: at,
  });
const discharged = () =>
  triggering('admissions.PatientDischarged', {
    stayId: STAY,
    patientId: PAT,
    bedId: BED2,
    reason: 'home',
    disposition: 'home',
    dischargedAt: '2025-03-05T10:00:00.000Z',
    unbilledCharges: 0,
  });

/** A glucose test ordered for the stay (the event that triggers a lab charge). */
const labTestOrdered = (orderId: string) =>
  triggering('laboratory.LabTestOrdered', {
    orderId,
    testCode: '2345-7',
    testName: 'Glucose',
    section: 'chemistry',
    specimenType: 'serum',
    panelCode: null,
    patientId: PAT,
    stayId: STAY,
    wardId: WARD,
    priority: 'routine',
    orderingPractitionerId: 'dr-1',
    turnaroundTargetMinutes: 1440,
    orderedAt: '2025-03-02T09:00:00.000Z',
  } as never);
/** The charge a lab order sends. */
const labCharge = (ordered: { eventId: string }) => ({
  command: 'billing/capture-clinical-charge',
  key: `lab:${ordered.eventId}`,
  body: {
    stayId: STAY,
    source: 'lab_order',
    sourceEventId: ordered.eventId,
    serviceCode: 'lab:2345-7',
    quantity: 1,
    servedAt: '2025-03-02T09:00:00.000Z',
  },
});
/** Saline issued to the stay's patient from one lot (the event that triggers a stock charge). */
const stockIssued = (issueId: string, quantity: number) =>
  triggering('inventory.StockIssuedToPatient', {
    itemId: ITEM,
    locationId: testId(30),
    lotId: testId(31),
    lotNumber: 'L1',
    expiryDate: null,
    unitCostMinor: 400,
    currency: 'EUR',
    quantity,
    onHandAfter: 10,
    issueId,
    patientId: PAT,
    stayId: STAY,
    witnessId: null,
    issuedAt: '2025-03-02T11:00:00.000Z',
  } as never);
/** The charge a stock issue sends: the lot's unit cost, the price list adds the markup. */
const stockCharge = (issued: { eventId: string }, quantity: number) => ({
  command: 'billing/capture-clinical-charge',
  key: `stock:${issued.eventId}`,
  body: {
    stayId: STAY,
    source: 'stock_issue',
    sourceEventId: issued.eventId,
    serviceCode: `stock:${ITEM}`,
    quantity,
    unitCost: 400,
    servedAt: '2025-03-02T11:00:00.000Z',
  },
});

describe('process manager billing.charge-capture', () => {
  it('given an admission, opens the stay’s account on the admission ward’s specialty', async () => {
    (await given(base).when(chargeCapture, admitted())).thenSends([
      {
        command: 'billing/open-stay-account',
        key: `open:${STAY}`,
        body: { stayId: STAY, patientId: PAT, wardId: WARD, specialty: 'medical', admittedAt: ADMITTED },
      },
    ]);
  });

  it('given the account is already open (a redelivered admission), sends nothing', async () => {
    (await given({ ...base, [`account.${STAY}`]: accountOpened }).when(chargeCapture, admitted())).thenSends([]);
  });

  it('given a transfer, records it with the new ward’s specialty', async () => {
    (await given({ ...base, [`account.${STAY}`]: accountOpened }).when(chargeCapture, transferred())).thenSends([
      {
        command: 'billing/record-stay-transfer',
        key: `transfer:${STAY}:2025-03-03T10:00:00.000Z`,
        body: { stayId: STAY, wardId: ICU, specialty: 'intensive_care', transferredAt: '2025-03-03T10:00:00.000Z' },
      },
    ]);
  });

  it('given a transfer already recorded, sends nothing', async () => {
    const moved = ev('StayWardRecorded', {
      accountId: STAY,
      stayId: STAY,
      wardId: ICU,
      specialty: 'intensive_care',
      from: '2025-03-03T10:00:00.000Z',
    });
    (
      await given({ ...base, [`account.${STAY}`]: [...accountOpened, moved] }).when(chargeCapture, transferred())
    ).thenSends([]);
  });

  it('given a discharge, records it (the decider charges the remaining nights)', async () => {
    (await given({ ...base, [`account.${STAY}`]: accountOpened }).when(chargeCapture, discharged())).thenSends([
      {
        command: 'billing/record-stay-discharge',
        key: `discharge:${STAY}`,
        body: { stayId: STAY, dischargedAt: '2025-03-05T10:00:00.000Z' },
      },
    ]);
  });

  it('given the discharge already recorded, sends nothing', async () => {
    const done = ev('StayDischargeRecorded', {
      accountId: STAY,
      stayId: STAY,
      dischargedAt: '2025-03-05T10:00:00.000Z',
    });
    (
      await given({ ...base, [`account.${STAY}`]: [...accountOpened, done] }).when(chargeCapture, discharged())
    ).thenSends([]);
  });

  it('given a lab test ordered during the stay, charges it once, with an id from the order event', async () => {
    const ordered = labTestOrdered(testId(20));
    const history = { ...base, [`account.${STAY}`]: accountOpened };
    (await given(history).when(chargeCapture, ordered)).thenSends([labCharge(ordered)]);
  });

  it('given stock issued to the stay, charges the lot line at cost plus markup; a redelivery sends nothing', async () => {
    const issued = stockIssued(testId(32), 3);
    (await given({ ...base, [`account.${STAY}`]: accountOpened }).when(chargeCapture, issued)).thenSends([
      stockCharge(issued, 3),
    ]);
    const charged = ev('ChargeCaptured', {
      accountId: STAY,
      chargeId: derivedChargeId('stock_issue', issued.eventId),
      source: 'stock_issue',
      sourceId: issued.eventId,
      serviceCode: `stock:${ITEM}`,
      description: 'Saline 0.9 % 1 l',
      quantity: 3,
      unitPrice: 500,
      netAmount: 1500,
      taxBasisPoints: 0,
      taxAmount: 0,
      totalAmount: 1500,
      currency: 'EUR',
      serviceDate: '2025-03-02',
      capturedAt: '2025-03-01T10:00:00.000Z',
    });
    (await given({ ...base, [`account.${STAY}`]: [...accountOpened, charged] }).when(chargeCapture, issued)).thenSends(
      [],
    );
  });

  describe('a clinical event before its stay’s admission was acted on (the admissions topic behind, e.g. after a Kafka restart)', () => {
    const admission = ev('PatientAdmitted', {
      stayId: STAY,
      patientId: PAT,
      bedId: BED,
      wardId: WARD,
      admittedAt: ADMITTED,
    });
    const openFromAdmission = {
      command: 'billing/open-stay-account',
      key: `open:${STAY}`,
      body: { stayId: STAY, patientId: PAT, wardId: WARD, specialty: 'medical', admittedAt: ADMITTED },
    };

    it('given the admission in the store and no account yet, opens the account as the admission would, then charges the lab test', async () => {
      const ordered = labTestOrdered(testId(21));
      // Before: only the charge, refused account-not-found, and the event parked for a hand replay.
      (await given({ ...base, [`stay.${STAY}`]: [admission] }).when(chargeCapture, ordered)).thenSends([
        openFromAdmission,
        labCharge(ordered),
      ]);
    });

    it('given the admission in the store and no account yet, opens the account, then charges the stock issued', async () => {
      const issued = stockIssued(testId(33), 2);
      (await given({ ...base, [`stay.${STAY}`]: [admission] }).when(chargeCapture, issued)).thenSends([
        openFromAdmission,
        stockCharge(issued, 2),
      ]);
    });

    it('and the admission arriving after finds the account open and sends nothing', async () => {
      const opened = { ...base, [`stay.${STAY}`]: [admission], [`account.${STAY}`]: accountOpened };
      (await given(opened).when(chargeCapture, admitted())).thenSends([]);
    });
  });
});
