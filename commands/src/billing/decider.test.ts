import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import type { DomainEvent } from '../shared/command-spec.js';
import { given, TEST_HOSPITAL, TEST_NOW, testContext, testId } from '../shared/given-when-then.js';
import * as spec from './commands.js';
import { derivedChargeId } from './decider.js';
import { BILLING_RULES } from './rules.js';

const ev = (type: string, data: Record<string, unknown>): DomainEvent => ({ type, data });
const ACC = testId(1);
const STAY = testId(2);
const PAT = testId(3);
const WARD = testId(4);
const WARD2 = testId(5);
const INV = testId(6);
const CHG1 = testId(7);
const CHG2 = testId(8);
const SHIFT = testId(9);
const PAY = testId(10);
const ADJ = testId(11);
const PAYER = testId(12);
const CLAIM = testId(13);
const NEW = testId(99);

const as = (id: string, ids: readonly string[] = [NEW]) => ({ ...testContext(ids), actor: { id, role: 'admin' } });
const hospital = [
  ev('HospitalRegistered', {
    hospitalId: TEST_HOSPITAL,
    name: 'St Test',
    timeZone: 'Europe/Paris',
    currency: 'EUR',
    registeredAt: '2025-01-01T00:00:00.000Z',
  }),
];
const price = (serviceCode: string, unitPrice: number, effectiveFrom = '2025-01-01', taxBasisPoints = 0) =>
  ev('ServicePriceSet', {
    serviceCode,
    kind: serviceCode.startsWith('bed-day') ? 'bed_day' : 'procedure',
    description: serviceCode,
    unitPrice,
    markupBasisPoints: 0,
    taxBasisPoints,
    currency: 'EUR',
    effectiveFrom,
    setAt: '2025-01-01T00:00:00.000Z',
  });
const prices = [
  price('bed-day:medical', 30000),
  price('bed-day:surgical', 45000),
  price('consult', 5000, '2025-01-01', 700),
];
const outpatient = ev('AccountOpened', {
  accountId: ACC,
  patientId: PAT,
  kind: 'outpatient',
  stayId: null,
  currency: 'EUR',
  openedAt: TEST_NOW,
});
const charge = (chargeId: string, totalAmount = 10000) =>
  ev('ChargeCaptured', {
    accountId: ACC,
    chargeId,
    source: 'manual',
    sourceId: chargeId,
    serviceCode: 'consult',
    description: 'consult',
    quantity: 1,
    unitPrice: totalAmount,
    netAmount: totalAmount,
    taxBasisPoints: 0,
    taxAmount: 0,
    totalAmount,
    currency: 'EUR',
    serviceDate: '2025-03-01',
    capturedAt: TEST_NOW,
  });
const invoiced = (chargeIds = [CHG1, CHG2], total = 20000) =>
  ev('InvoiceIssued', {
    accountId: ACC,
    invoiceId: INV,
    invoiceNumber: 1,
    correctsInvoiceId: null,
    chargeIds,
    netAmount: total,
    taxAmount: 0,
    totalAmount: total,
    currency: 'EUR',
    issuedAt: TEST_NOW,
  });
const withInvoice = [outpatient, charge(CHG1), charge(CHG2), invoiced()];
const shiftOpened = (cashierId = 'user-1') =>
  ev('CashierShiftOpened', { shiftId: SHIFT, cashierId, openingFloat: 10000, currency: 'EUR', openedAt: TEST_NOW });
const paid = (amount: number, purpose = 'payment') =>
  ev('PaymentReceived', {
    accountId: ACC,
    paymentId: PAY,
    method: 'cash',
    purpose,
    amount,
    shiftId: SHIFT,
    claimId: null,
    receivedAt: TEST_NOW,
  });
const requested = (kind: string, amount: number, requestedBy = 'clerk-1') =>
  ev('AdjustmentRequested', {
    accountId: ACC,
    adjustmentId: ADJ,
    kind,
    invoiceId: kind === 'refund' ? null : INV,
    amount,
    reason: 'goodwill',
    requestedBy,
    requestedAt: TEST_NOW,
  });
const approvedFor = (invoiceId: string | null) =>
  ev('AdjustmentApproved', { accountId: ACC, adjustmentId: ADJ, approvedBy: 'boss', approvedAt: TEST_NOW, invoiceId });
const approved = approvedFor(INV);
const covered = ev('CoverageRecorded', { accountId: ACC, payerId: PAYER, recordedAt: TEST_NOW });
const claimed = ev('ClaimSubmitted', {
  accountId: ACC,
  claimId: CLAIM,
  payerId: PAYER,
  invoiceId: INV,
  chargeIds: [CHG1, CHG2],
  claimedAmount: 20000,
  submittedAt: TEST_NOW,
});
const adjudicated = (approvedAmount: number) =>
  ev('ClaimAdjudicated', {
    accountId: ACC,
    claimId: CLAIM,
    outcome: 'partly_approved',
    lines: [
      { chargeId: CHG1, approvedAmount: 10000, reason: null },
      { chargeId: CHG2, approvedAmount: approvedAmount - 10000, reason: 'not covered' },
    ],
    approvedAmount,
    adjudicatedAt: TEST_NOW,
    invoiceId: INV,
  });

// Stay in Paris (UTC+1 in winter): admitted 1 March 20:00 local, so the local day starts at 23:00Z.
const stayOpened = [
  ev('AccountOpened', {
    accountId: STAY,
    patientId: PAT,
    kind: 'inpatient',
    stayId: STAY,
    currency: 'EUR',
    openedAt: '2025-03-01T19:00:00.000Z',
  }),
  ev('StayWardRecorded', {
    accountId: STAY,
    stayId: STAY,
    wardId: WARD,
    specialty: 'medical',
    from: '2025-03-01T19:00:00.000Z',
  }),
];
const bedDay = (night: string, specialty: string, unitPrice: number) =>
  ev('ChargeCaptured', {
    accountId: STAY,
    chargeId: derivedChargeId('bed_day', `${STAY}:${night}`),
    source: 'bed_day',
    sourceId: `${STAY}:${night}`,
    serviceCode: `bed-day:${specialty}`,
    description: `bed-day:${specialty}`,
    quantity: 1,
    unitPrice,
    netAmount: unitPrice,
    taxBasisPoints: 0,
    taxAmount: 0,
    totalAmount: unitPrice,
    currency: 'EUR',
    serviceDate: night,
    capturedAt: TEST_NOW,
  });

describe('billing decider', () => {
  it('every rule has a given/when/then below that expects it', () => {
    const source = readFileSync(fileURLToPath(import.meta.url), 'utf8');
    const untested = Object.keys(BILLING_RULES).filter((rule) => !source.includes(`thenRejects('${rule}')`));
    expect(untested).to.deep.equal([]);
  });

  describe('price list', () => {
    it('sets a price in the hospital’s currency from an effective date', () => {
      given({}, { hospital })
        .when(spec.setServicePrice, {
          serviceCode: 'consult',
          kind: 'procedure',
          description: 'Consultation',
          unitPrice: 5000,
          taxBasisPoints: 700,
          effectiveFrom: '2025-04-01',
        })
        .thenEvents({
          prices: [
            ev('ServicePriceSet', {
              serviceCode: 'consult',
              kind: 'procedure',
              description: 'Consultation',
              unitPrice: 5000,
              markupBasisPoints: 0,
              taxBasisPoints: 700,
              currency: 'EUR',
              effectiveFrom: '2025-04-01',
              setAt: TEST_NOW,
            }),
          ],
        });
    });

    it('refuses: hospital-not-registered (the settings port knows no such hospital)', () => {
      given({}, { hospital: [] })
        .when(spec.setServicePrice, {
          serviceCode: 'x',
          kind: 'other',
          description: 'x',
          unitPrice: 1,
          effectiveFrom: '2025-01-01',
        })
        .thenRejects('hospital-not-registered');
    });

    it('a later price never changes a captured charge; a capture uses the price in force on its service date', () => {
      const history = { account: [outpatient], prices: [...prices, price('consult', 9000, '2025-03-02')] };
      given(history, { hospital })
        .when(
          spec.captureCharge,
          { accountId: ACC, serviceCode: 'consult', serviceDate: '2025-03-01' },
          as('u', [CHG1]),
        )
        .thenEvents({
          account: [
            ev('ChargeCaptured', {
              accountId: ACC,
              chargeId: CHG1,
              source: 'manual',
              sourceId: CHG1,
              serviceCode: 'consult',
              description: 'consult',
              quantity: 1,
              unitPrice: 5000,
              netAmount: 5000,
              taxBasisPoints: 700,
              taxAmount: 350,
              totalAmount: 5350,
              currency: 'EUR',
              serviceDate: '2025-03-01',
              capturedAt: TEST_NOW,
            }),
          ],
        });
    });

    it('a manual charge without a service date is dated today in the hospital (Paris) and uses that day’s price', () => {
      // TEST_NOW is 2025-03-01T10:00Z: 1 March in Paris.
      const history = { account: [outpatient], prices: [...prices, price('consult', 9000, '2025-03-02')] };
      given(history, { hospital })
        .when(spec.captureCharge, { accountId: ACC, serviceCode: 'consult', quantity: 3 }, as('u', [CHG1]))
        .thenEvents({
          account: [
            ev('ChargeCaptured', {
              accountId: ACC,
              chargeId: CHG1,
              source: 'manual',
              sourceId: CHG1,
              serviceCode: 'consult',
              description: 'consult',
              quantity: 3,
              unitPrice: 5000,
              netAmount: 15000,
              taxBasisPoints: 700,
              taxAmount: 1050,
              totalAmount: 16050,
              currency: 'EUR',
              serviceDate: '2025-03-01',
              capturedAt: TEST_NOW,
            }),
          ],
        });
    });

    it('refuses: no-price-in-force (before the first effective date)', () => {
      given({ account: [outpatient], prices }, { hospital })
        .when(spec.captureCharge, { accountId: ACC, serviceCode: 'consult', serviceDate: '2024-12-31' })
        .thenRejects('no-price-in-force');
    });
  });

  describe('payers', () => {
    it('registers a payer', () => {
      given({})
        .when(spec.registerPayer, { name: 'Mutual' }, as('u', [PAYER]))
        .thenEvents({ payer: [ev('PayerRegistered', { payerId: PAYER, name: 'Mutual', registeredAt: TEST_NOW })] });
    });
    it('refuses: payer-already-registered', () => {
      given({ payer: [ev('PayerRegistered', { payerId: PAYER, name: 'M', registeredAt: TEST_NOW })] })
        .when(spec.registerPayer, { name: 'Mutual' }, as('u', [PAYER]))
        .thenRejects('payer-already-registered');
    });
  });

  describe('accounts', () => {
    it('opens an outpatient account in the hospital’s currency', () => {
      given({}, { hospital })
        .when(spec.openOutpatientAccount, { patientId: PAT }, as('u', [ACC]))
        .thenEvents({ account: [outpatient] });
    });
    it('refuses: account-already-open', () => {
      given({ account: [outpatient] }, { hospital })
        .when(spec.openOutpatientAccount, { patientId: PAT }, as('u', [ACC]))
        .thenRejects('account-already-open');
    });
    it('refuses: account-not-found', () => {
      given({ prices }, { hospital })
        .when(spec.captureCharge, { accountId: ACC, serviceCode: 'consult' })
        .thenRejects('account-not-found');
    });
    it('opens a stay’s account at admission (id = stay id) and starts bed-days on the ward', () => {
      given({}, { hospital })
        .when(spec.openStayAccount, {
          stayId: STAY,
          patientId: PAT,
          wardId: WARD,
          specialty: 'medical',
          admittedAt: '2025-03-01T19:00:00Z',
        })
        .thenEvents({ account: stayOpened });
    });
    it('a redelivered admission finds the account open and adds nothing', () => {
      given({ account: stayOpened }, { hospital })
        .when(spec.openStayAccount, {
          stayId: STAY,
          patientId: PAT,
          wardId: WARD,
          specialty: 'medical',
          admittedAt: '2025-03-01T19:00:00Z',
        })
        .thenEvents({});
    });
  });

  describe('bed-days (midnight census in the hospital’s zone)', () => {
    it('a transfer charges the nights spent so far at the old ward’s price', () => {
      // Local midnights of 1→2 and 2→3 March passed before the transfer on 3 March 09:00 local.
      given({ account: stayOpened, prices }, { hospital })
        .when(spec.recordStayTransfer, {
          stayId: STAY,
          wardId: WARD2,
          specialty: 'surgical',
          transferredAt: '2025-03-03T08:00:00Z',
        })
        .thenEvents({
          account: [
            bedDay('2025-03-01', 'medical', 30000),
            bedDay('2025-03-02', 'medical', 30000),
            ev('StayWardRecorded', {
              accountId: STAY,
              stayId: STAY,
              wardId: WARD2,
              specialty: 'surgical',
              from: '2025-03-03T08:00:00.000Z',
            }),
          ],
        });
    });
    it('the discharge charges the remaining nights; the day of discharge is not charged', () => {
      const history = [
        ...stayOpened,
        bedDay('2025-03-01', 'medical', 30000),
        ev('StayWardRecorded', {
          accountId: STAY,
          stayId: STAY,
          wardId: WARD2,
          specialty: 'surgical',
          from: '2025-03-02T08:00:00.000Z',
        }),
      ];
      given({ account: history, prices }, { hospital })
        .when(spec.recordStayDischarge, { stayId: STAY, dischargedAt: '2025-03-04T09:00:00Z' })
        .thenEvents({
          account: [
            bedDay('2025-03-02', 'surgical', 45000),
            bedDay('2025-03-03', 'surgical', 45000),
            ev('StayDischargeRecorded', { accountId: STAY, stayId: STAY, dischargedAt: '2025-03-04T09:00:00.000Z' }),
          ],
        });
    });
    it('the day boundary is local midnight: 22:30Z on 1 March is already 2 March in Paris', () => {
      given({ account: stayOpened, prices }, { hospital })
        .when(spec.recordStayDischarge, { stayId: STAY, dischargedAt: '2025-03-01T23:30:00Z' })
        .thenEvents({
          account: [
            bedDay('2025-03-01', 'medical', 30000),
            ev('StayDischargeRecorded', { accountId: STAY, stayId: STAY, dischargedAt: '2025-03-01T23:30:00.000Z' }),
          ],
        });
    });
    it('a stay admitted and discharged the same local day is charged one bed-day', () => {
      given({ account: stayOpened, prices }, { hospital })
        .when(spec.recordStayDischarge, { stayId: STAY, dischargedAt: '2025-03-01T22:00:00Z' })
        .thenEvents({
          account: [
            bedDay('2025-03-01', 'medical', 30000),
            ev('StayDischargeRecorded', { accountId: STAY, stayId: STAY, dischargedAt: '2025-03-01T22:00:00.000Z' }),
          ],
        });
    });
    it('issues a stay’s final invoice once the discharge is recorded, with its last bed-day', () => {
      const discharged = [
        ...stayOpened,
        bedDay('2025-03-01', 'medical', 30000),
        ev('StayDischargeRecorded', { accountId: STAY, stayId: STAY, dischargedAt: '2025-03-02T09:00:00.000Z' }),
      ];
      given({ account: discharged, sequence: [] })
        .when(spec.issueInvoice, { accountId: STAY, final: true }, as('u', [INV]))
        .thenEvents({
          account: [
            ev('InvoiceIssued', {
              accountId: STAY,
              invoiceId: INV,
              invoiceNumber: 1,
              correctsInvoiceId: null,
              chargeIds: [derivedChargeId('bed_day', `${STAY}:2025-03-01`)],
              netAmount: 30000,
              taxAmount: 0,
              totalAmount: 30000,
              currency: 'EUR',
              issuedAt: TEST_NOW,
            }),
          ],
          sequence: [
            ev('InvoiceNumberAllocated', {
              sequence: 1,
              documentId: INV,
              accountId: STAY,
              documentKind: 'invoice',
              allocatedAt: TEST_NOW,
            }),
          ],
        });
    });
    it('refuses a stay’s final invoice before billing recorded the discharge: stay-discharge-not-recorded', () => {
      given({ account: [...stayOpened, bedDay('2025-03-01', 'medical', 30000)], sequence: [] })
        .when(spec.issueInvoice, { accountId: STAY, final: true })
        .thenRejects('stay-discharge-not-recorded');
    });
    it('a repeated discharge charges nothing more', () => {
      const done = [
        ...stayOpened,
        bedDay('2025-03-01', 'medical', 30000),
        ev('StayDischargeRecorded', { accountId: STAY, stayId: STAY, dischargedAt: '2025-03-02T09:00:00.000Z' }),
      ];
      given({ account: done, prices }, { hospital })
        .when(spec.recordStayDischarge, { stayId: STAY, dischargedAt: '2025-03-02T09:00:00Z' })
        .thenEvents({});
    });
    it('the nightly run charges completed nights once; the discharge later skips them', () => {
      given({ account: stayOpened, prices }, { hospital })
        .when(
          spec.captureBedDays,
          { accountId: STAY, through: '2025-03-01T23:10:00Z' },
          {
            ...testContext(),
            now: '2025-03-02T01:00:00.000Z',
          },
        )
        .thenEvents({
          account: [
            {
              ...bedDay('2025-03-01', 'medical', 30000),
              data: {
                ...(bedDay('2025-03-01', 'medical', 30000).data as object),
                capturedAt: '2025-03-02T01:00:00.000Z',
              },
            },
          ],
        });
      given({ account: [...stayOpened, bedDay('2025-03-01', 'medical', 30000)], prices }, { hospital })
        .when(spec.captureBedDays, { accountId: STAY, through: '2025-03-01T23:10:00Z' })
        .thenEvents({});
    });
    it('refuses: no-price-in-force for a night of a ward whose specialty has no price', () => {
      const icu = [
        stayOpened[0]!,
        { ...stayOpened[1]!, data: { ...(stayOpened[1]!.data as object), specialty: 'intensive_care' } },
      ];
      given({ account: icu, prices }, { hospital })
        .when(spec.recordStayDischarge, { stayId: STAY, dischargedAt: '2025-03-03T09:00:00Z' })
        .thenRejects('no-price-in-force');
    });
  });

  describe('clinical charges (lab orders, stock issued to a patient)', () => {
    const saline = ev('ServicePriceSet', {
      serviceCode: 'stock:saline',
      kind: 'stock_item',
      description: 'Saline',
      unitPrice: 0,
      markupBasisPoints: 2500,
      taxBasisPoints: 700,
      currency: 'EUR',
      effectiveFrom: '2025-01-01',
      setAt: '2025-01-01T00:00:00.000Z',
    });
    const body = {
      stayId: STAY,
      source: 'stock_issue',
      sourceEventId: testId(70),
      serviceCode: 'stock:saline',
      quantity: 3,
      unitCost: 333,
      servedAt: '2025-03-02T11:00:00Z',
    };
    const captured = ev('ChargeCaptured', {
      accountId: STAY,
      chargeId: derivedChargeId('stock_issue', testId(70)),
      source: 'stock_issue',
      sourceId: testId(70),
      serviceCode: 'stock:saline',
      description: 'Saline',
      quantity: 3,
      // 333 + 25 % = 416.25, half away from zero → 416; tax 7 % of 1248 = 87.36 → 87.
      unitPrice: 416,
      netAmount: 1248,
      taxBasisPoints: 700,
      taxAmount: 87,
      totalAmount: 1335,
      currency: 'EUR',
      serviceDate: '2025-03-02',
      capturedAt: TEST_NOW,
    });
    it('charges stock at the lot’s cost plus the listed markup, with an id derived from the issue event', () => {
      given({ account: stayOpened, prices: [saline] }, { hospital })
        .when(spec.captureClinicalCharge, body)
        .thenEvents({ account: [captured] });
    });
    it('the same clinical event again charges nothing', () => {
      given({ account: [...stayOpened, captured], prices: [saline] }, { hospital })
        .when(spec.captureClinicalCharge, body)
        .thenEvents({});
    });
  });

  describe('charges set aside', () => {
    it('voids an unbilled charge with the reason', () => {
      given({ account: [outpatient, charge(CHG1)] })
        .when(spec.voidCharge, { accountId: ACC, chargeId: CHG1, reason: 'wrong patient' })
        .thenEvents({
          account: [
            ev('ChargeVoided', { accountId: ACC, chargeId: CHG1, reason: 'wrong patient', voidedAt: TEST_NOW }),
          ],
        });
    });
    it('marks an unbilled charge not billable', () => {
      given({ account: [outpatient, charge(CHG1)] })
        .when(spec.markChargeNotBillable, { accountId: ACC, chargeId: CHG1, reason: 'repeat test' })
        .thenEvents({
          account: [
            ev('ChargeMarkedNotBillable', {
              accountId: ACC,
              chargeId: CHG1,
              reason: 'repeat test',
              markedAt: TEST_NOW,
            }),
          ],
        });
    });
    it('refuses: charge-not-found', () => {
      given({ account: [outpatient] })
        .when(spec.voidCharge, { accountId: ACC, chargeId: CHG1, reason: 'x' })
        .thenRejects('charge-not-found');
    });
    it('refuses: charge-not-unbilled (an invoiced charge is corrected by a credit note)', () => {
      given({ account: withInvoice })
        .when(spec.voidCharge, { accountId: ACC, chargeId: CHG1, reason: 'x' })
        .thenRejects('charge-not-unbilled');
    });
  });

  describe('invoices', () => {
    it('issues every unbilled charge with the next number, in one append with the sequence', () => {
      given({
        account: [outpatient, charge(CHG1), charge(CHG2)],
        sequence: [
          ev('InvoiceNumberAllocated', {
            sequence: 41,
            documentId: NEW,
            accountId: NEW,
            documentKind: 'invoice',
            allocatedAt: TEST_NOW,
          }),
        ],
      })
        .when(spec.issueInvoice, { accountId: ACC }, as('u', [INV]))
        .thenEvents({
          account: [{ ...invoiced(), data: { ...(invoiced().data as object), invoiceNumber: 42 } }],
          sequence: [
            ev('InvoiceNumberAllocated', {
              sequence: 42,
              documentId: INV,
              accountId: ACC,
              documentKind: 'invoice',
              allocatedAt: TEST_NOW,
            }),
          ],
        });
    });
    it('refuses: no-unbilled-charges', () => {
      given({ account: withInvoice }).when(spec.issueInvoice, { accountId: ACC }).thenRejects('no-unbilled-charges');
    });
    it('refuses to invoice a listed charge already invoiced: charge-not-unbilled', () => {
      given({ account: withInvoice })
        .when(spec.issueInvoice, { accountId: ACC, chargeIds: [CHG1] })
        .thenRejects('charge-not-unbilled');
    });
    it('credits lines of an invoice: they are unbilled again, the invoice stays as issued', () => {
      given({ account: withInvoice })
        .when(
          spec.issueCreditNote,
          { accountId: ACC, invoiceId: INV, chargeIds: [CHG2], reason: 'not given' },
          as('u', [NEW]),
        )
        .thenEvents({
          account: [
            ev('CreditNoteIssued', {
              accountId: ACC,
              creditNoteId: NEW,
              creditNoteNumber: 1,
              invoiceId: INV,
              chargeIds: [CHG2],
              totalAmount: 10000,
              reason: 'not given',
              issuedAt: TEST_NOW,
              currency: 'EUR',
            }),
          ],
          sequence: [
            ev('InvoiceNumberAllocated', {
              sequence: 1,
              documentId: NEW,
              accountId: ACC,
              documentKind: 'credit_note',
              allocatedAt: TEST_NOW,
            }),
          ],
        });
    });
    it('refuses: invoice-not-found', () => {
      given({ account: [outpatient] })
        .when(spec.issueCreditNote, { accountId: ACC, invoiceId: INV, chargeIds: [CHG1], reason: 'x' })
        .thenRejects('invoice-not-found');
    });
    it('refuses: charges-not-on-invoice', () => {
      given({ account: [...withInvoice, charge(testId(50))] })
        .when(spec.issueCreditNote, { accountId: ACC, invoiceId: INV, chargeIds: [testId(50)], reason: 'x' })
        .thenRejects('charges-not-on-invoice');
    });
    it('refuses: credit-exceeds-outstanding (paid lines are refunded, not credited)', () => {
      const allocated = ev('PaymentAllocated', {
        accountId: ACC,
        paymentId: PAY,
        invoiceId: INV,
        amount: 15000,
        allocatedAt: TEST_NOW,
      });
      given({ account: [...withInvoice, paid(15000), allocated] })
        .when(spec.issueCreditNote, { accountId: ACC, invoiceId: INV, chargeIds: [CHG2], reason: 'x' })
        .thenRejects('credit-exceeds-outstanding');
    });
    it('refuses: corrected-invoice-not-credited (an adjusting invoice follows a credit note)', () => {
      given({ account: [...withInvoice, charge(testId(50))] })
        .when(spec.issueInvoice, { accountId: ACC, correctsInvoiceId: INV })
        .thenRejects('corrected-invoice-not-credited');
    });
    it('issues an adjusting invoice after a credit note', () => {
      const credit = ev('CreditNoteIssued', {
        accountId: ACC,
        creditNoteId: NEW,
        creditNoteNumber: 2,
        invoiceId: INV,
        chargeIds: [CHG2],
        totalAmount: 10000,
        reason: 'wrong price',
        issuedAt: TEST_NOW,
        currency: 'EUR',
      });
      const history = [...withInvoice, credit];
      given({ account: history })
        .when(spec.issueInvoice, { accountId: ACC, correctsInvoiceId: INV }, as('u', [testId(60)]))
        .thenEvents({
          account: [
            ev('InvoiceIssued', {
              accountId: ACC,
              invoiceId: testId(60),
              invoiceNumber: 1,
              correctsInvoiceId: INV,
              chargeIds: [CHG2],
              netAmount: 10000,
              taxAmount: 0,
              totalAmount: 10000,
              currency: 'EUR',
              issuedAt: TEST_NOW,
            }),
          ],
          sequence: [
            ev('InvoiceNumberAllocated', {
              sequence: 1,
              documentId: testId(60),
              accountId: ACC,
              documentKind: 'invoice',
              allocatedAt: TEST_NOW,
            }),
          ],
        });
    });
  });

  describe('cashier shifts and payments', () => {
    it('opens a shift with its float', () => {
      given({}, { hospital })
        .when(spec.openCashierShift, { openingFloat: 10000 }, as('user-1', [SHIFT]))
        .thenEvents({ shift: [shiftOpened()] });
    });
    it('refuses: shift-already-open', () => {
      given({ shift: [shiftOpened()] }, { hospital })
        .when(spec.openCashierShift, { openingFloat: 0 }, as('user-1', [SHIFT]))
        .thenRejects('shift-already-open');
    });
    it('takes a cash payment allocated to an invoice, recorded on the shift in the same append', () => {
      given({ account: withInvoice, shift: [shiftOpened()] })
        .when(
          spec.takePayment,
          { accountId: ACC, shiftId: SHIFT, method: 'cash', amount: 5000, invoiceId: INV },
          as('user-1', [PAY]),
        )
        .thenEvents({
          account: [
            paid(5000),
            ev('PaymentAllocated', {
              accountId: ACC,
              paymentId: PAY,
              invoiceId: INV,
              amount: 5000,
              allocatedAt: TEST_NOW,
            }),
          ],
          shift: [
            ev('ShiftMoneyRecorded', {
              shiftId: SHIFT,
              accountId: ACC,
              movementId: PAY,
              direction: 'in',
              method: 'cash',
              amount: 5000,
              recordedAt: TEST_NOW,
            }),
          ],
        });
    });
    it('a payment without a named invoice settles the oldest open invoices first; the rest stays as credit', () => {
      const second = ev('InvoiceIssued', {
        ...(invoiced([testId(50)], 10000).data as object),
        invoiceId: testId(51),
        invoiceNumber: 2,
      });
      given({ account: [...withInvoice, charge(testId(50)), second], shift: [shiftOpened()] })
        .when(spec.takePayment, { accountId: ACC, shiftId: SHIFT, method: 'card', amount: 25000 }, as('user-1', [PAY]))
        .thenEvents({
          account: [
            { ...paid(25000), data: { ...(paid(25000).data as object), method: 'card' } },
            ev('PaymentAllocated', {
              accountId: ACC,
              paymentId: PAY,
              invoiceId: INV,
              amount: 20000,
              allocatedAt: TEST_NOW,
            }),
            ev('PaymentAllocated', {
              accountId: ACC,
              paymentId: PAY,
              invoiceId: testId(51),
              amount: 5000,
              allocatedAt: TEST_NOW,
            }),
          ],
          shift: [
            ev('ShiftMoneyRecorded', {
              shiftId: SHIFT,
              accountId: ACC,
              movementId: PAY,
              direction: 'in',
              method: 'card',
              amount: 25000,
              recordedAt: TEST_NOW,
            }),
          ],
        });
    });
    it('refuses: allocation-exceeds-outstanding', () => {
      given({ account: withInvoice, shift: [shiftOpened()] })
        .when(
          spec.takePayment,
          { accountId: ACC, shiftId: SHIFT, method: 'card', amount: 20001, invoiceId: INV },
          as('user-1'),
        )
        .thenRejects('allocation-exceeds-outstanding');
    });
    it('refuses: shift-not-found', () => {
      given({ account: withInvoice })
        .when(spec.takePayment, { accountId: ACC, shiftId: SHIFT, method: 'card', amount: 1 }, as('user-1'))
        .thenRejects('shift-not-found');
    });
    it('refuses: shift-of-another-cashier', () => {
      given({ account: withInvoice, shift: [shiftOpened('someone-else')] })
        .when(spec.takePayment, { accountId: ACC, shiftId: SHIFT, method: 'card', amount: 1 }, as('user-1'))
        .thenRejects('shift-of-another-cashier');
    });
    it('refuses: shift-not-open', () => {
      const closed = ev('CashierShiftClosed', {
        shiftId: SHIFT,
        countedCash: 0,
        expectedCash: 0,
        variance: 0,
        closedAt: TEST_NOW,
      });
      given({ account: withInvoice, shift: [shiftOpened(), closed] })
        .when(spec.takePayment, { accountId: ACC, shiftId: SHIFT, method: 'card', amount: 1 }, as('user-1'))
        .thenRejects('shift-not-open');
    });
    it('closes the shift recording counted cash against expected (float + cash in − cash out)', () => {
      const cashIn = ev('ShiftMoneyRecorded', {
        shiftId: SHIFT,
        accountId: ACC,
        movementId: PAY,
        direction: 'in',
        method: 'cash',
        amount: 5000,
        recordedAt: TEST_NOW,
      });
      const cardIn = ev('ShiftMoneyRecorded', {
        shiftId: SHIFT,
        accountId: ACC,
        movementId: NEW,
        direction: 'in',
        method: 'card',
        amount: 7000,
        recordedAt: TEST_NOW,
      });
      const cashOut = ev('ShiftMoneyRecorded', {
        shiftId: SHIFT,
        accountId: ACC,
        movementId: ADJ,
        direction: 'out',
        method: 'cash',
        amount: 1000,
        recordedAt: TEST_NOW,
      });
      given({ shift: [shiftOpened(), cashIn, cardIn, cashOut] })
        .when(spec.closeCashierShift, { shiftId: SHIFT, countedCash: 13900 }, as('user-1'))
        .thenEvents({
          shift: [
            ev('CashierShiftClosed', {
              shiftId: SHIFT,
              countedCash: 13900,
              expectedCash: 14000,
              variance: -100,
              closedAt: TEST_NOW,
            }),
          ],
        });
    });
    it('a deposit stays as credit and is allocated later', () => {
      given({ account: [...withInvoice, paid(8000, 'deposit')] })
        .when(spec.allocatePayment, { accountId: ACC, paymentId: PAY, invoiceId: INV, amount: 8000 })
        .thenEvents({
          account: [
            ev('PaymentAllocated', {
              accountId: ACC,
              paymentId: PAY,
              invoiceId: INV,
              amount: 8000,
              allocatedAt: TEST_NOW,
            }),
          ],
        });
    });
    it('refuses: payment-not-found', () => {
      given({ account: withInvoice })
        .when(spec.allocatePayment, { accountId: ACC, paymentId: PAY, invoiceId: INV, amount: 1 })
        .thenRejects('payment-not-found');
    });
    it('refuses: allocation-exceeds-payment', () => {
      given({ account: [...withInvoice, paid(8000, 'deposit')] })
        .when(spec.allocatePayment, { accountId: ACC, paymentId: PAY, invoiceId: INV, amount: 8001 })
        .thenRejects('allocation-exceeds-payment');
    });
  });

  describe('refunds, discounts and write-offs need a second person', () => {
    it('requests a refund of unallocated money', () => {
      given({ account: [...withInvoice, paid(8000, 'deposit')] })
        .when(
          spec.requestAdjustment,
          { accountId: ACC, kind: 'refund', amount: 8000, reason: 'goodwill' },
          as('clerk-1', [ADJ]),
        )
        .thenEvents({ account: [requested('refund', 8000)] });
    });
    it('refuses: refund-exceeds-credit', () => {
      given({ account: [...withInvoice, paid(8000, 'deposit')] })
        .when(spec.requestAdjustment, { accountId: ACC, kind: 'refund', amount: 8001, reason: 'x' })
        .thenRejects('refund-exceeds-credit');
    });
    it('refuses: adjustment-exceeds-outstanding', () => {
      given({ account: withInvoice })
        .when(spec.requestAdjustment, { accountId: ACC, kind: 'discount', invoiceId: INV, amount: 20001, reason: 'x' })
        .thenRejects('adjustment-exceeds-outstanding');
    });
    it('a discount names its invoice (400 before any rule)', () => {
      expect(() =>
        spec.requestAdjustment.body.parse({ accountId: ACC, kind: 'discount', amount: 1, reason: 'x' }),
      ).to.throw(/invoice/);
    });
    it('approves by someone else', () => {
      given({ account: [...withInvoice, requested('discount', 2000)] })
        .when(spec.approveAdjustment, { accountId: ACC, adjustmentId: ADJ }, as('boss'))
        .thenEvents({ account: [approved] });
    });
    it('approves a refund naming no invoice (it is paid out of the account’s credit)', () => {
      given({ account: [...withInvoice, paid(8000, 'deposit'), requested('refund', 3000)] })
        .when(spec.approveAdjustment, { accountId: ACC, adjustmentId: ADJ }, as('boss'))
        .thenEvents({ account: [approvedFor(null)] });
    });
    it('refuses: approver-is-requester', () => {
      given({ account: [...withInvoice, requested('discount', 2000, 'boss')] })
        .when(spec.approveAdjustment, { accountId: ACC, adjustmentId: ADJ }, as('boss'))
        .thenRejects('approver-is-requester');
    });
    it('refuses: adjustment-not-found', () => {
      given({ account: withInvoice })
        .when(spec.approveAdjustment, { accountId: ACC, adjustmentId: ADJ }, as('boss'))
        .thenRejects('adjustment-not-found');
    });
    it('refuses: adjustment-not-pending', () => {
      given({ account: [...withInvoice, requested('write_off', 2000), approved] })
        .when(spec.approveAdjustment, { accountId: ACC, adjustmentId: ADJ }, as('boss2'))
        .thenRejects('adjustment-not-pending');
    });
    it('pays out an approved refund from the cashier’s shift', () => {
      given({
        account: [...withInvoice, paid(8000, 'deposit'), requested('refund', 3000), approvedFor(null)],
        shift: [shiftOpened()],
      })
        .when(spec.payOutRefund, { accountId: ACC, adjustmentId: ADJ, shiftId: SHIFT, method: 'cash' }, as('user-1'))
        .thenEvents({
          account: [
            ev('RefundPaidOut', {
              accountId: ACC,
              adjustmentId: ADJ,
              method: 'cash',
              shiftId: SHIFT,
              paidAt: TEST_NOW,
            }),
          ],
          shift: [
            ev('ShiftMoneyRecorded', {
              shiftId: SHIFT,
              accountId: ACC,
              movementId: ADJ,
              direction: 'out',
              method: 'cash',
              amount: 3000,
              recordedAt: TEST_NOW,
            }),
          ],
        });
    });
    it('refuses: refund-not-approved', () => {
      given({ account: [...withInvoice, paid(8000, 'deposit'), requested('refund', 3000)], shift: [shiftOpened()] })
        .when(spec.payOutRefund, { accountId: ACC, adjustmentId: ADJ, shiftId: SHIFT, method: 'cash' }, as('user-1'))
        .thenRejects('refund-not-approved');
    });
  });

  describe('insurance', () => {
    it('records coverage by a registered payer', () => {
      given({
        account: [outpatient],
        payer: [ev('PayerRegistered', { payerId: PAYER, name: 'M', registeredAt: TEST_NOW })],
      })
        .when(spec.recordCoverage, { accountId: ACC, payerId: PAYER })
        .thenEvents({ account: [covered] });
    });
    it('refuses: payer-not-found', () => {
      given({ account: [outpatient] })
        .when(spec.recordCoverage, { accountId: ACC, payerId: PAYER })
        .thenRejects('payer-not-found');
    });
    it('submits a claim for every line of the invoice not claimed yet', () => {
      given({ account: [...withInvoice, covered] })
        .when(spec.submitClaim, { accountId: ACC, invoiceId: INV }, as('u', [CLAIM]))
        .thenEvents({ account: [claimed] });
    });
    it('refuses: no-coverage', () => {
      given({ account: withInvoice })
        .when(spec.submitClaim, { accountId: ACC, invoiceId: INV })
        .thenRejects('no-coverage');
    });
    it('refuses: charges-already-claimed', () => {
      given({ account: [...withInvoice, covered, claimed] })
        .when(spec.submitClaim, { accountId: ACC, invoiceId: INV, chargeIds: [CHG1] })
        .thenRejects('charges-already-claimed');
    });
    it('adjudicates partly approved with a reason per reduced line', () => {
      given({ account: [...withInvoice, covered, claimed] })
        .when(spec.recordAdjudication, {
          accountId: ACC,
          claimId: CLAIM,
          lines: [
            { chargeId: CHG1, approvedAmount: 10000 },
            { chargeId: CHG2, approvedAmount: 4000, reason: 'not covered' },
          ],
        })
        .thenEvents({ account: [adjudicated(14000)] });
    });
    it('refuses: claim-not-found', () => {
      given({ account: [...withInvoice, covered] })
        .when(spec.recordAdjudication, {
          accountId: ACC,
          claimId: CLAIM,
          lines: [{ chargeId: CHG1, approvedAmount: 1 }],
        })
        .thenRejects('claim-not-found');
    });
    it('refuses: adjudication-lines-mismatch', () => {
      given({ account: [...withInvoice, covered, claimed] })
        .when(spec.recordAdjudication, {
          accountId: ACC,
          claimId: CLAIM,
          lines: [{ chargeId: CHG1, approvedAmount: 1, reason: 'x' }],
        })
        .thenRejects('adjudication-lines-mismatch');
    });
    it('refuses: approved-exceeds-claimed', () => {
      given({ account: [...withInvoice, covered, claimed] })
        .when(spec.recordAdjudication, {
          accountId: ACC,
          claimId: CLAIM,
          lines: [
            { chargeId: CHG1, approvedAmount: 10001 },
            { chargeId: CHG2, approvedAmount: 0, reason: 'x' },
          ],
        })
        .thenRejects('approved-exceeds-claimed');
    });
    it('refuses: reduction-reason-required', () => {
      given({ account: [...withInvoice, covered, claimed] })
        .when(spec.recordAdjudication, {
          accountId: ACC,
          claimId: CLAIM,
          lines: [
            { chargeId: CHG1, approvedAmount: 10000 },
            { chargeId: CHG2, approvedAmount: 0 },
          ],
        })
        .thenRejects('reduction-reason-required');
    });
    it('refuses: claim-not-submitted (adjudicated twice)', () => {
      given({ account: [...withInvoice, covered, claimed, adjudicated(14000)] })
        .when(spec.recordAdjudication, {
          accountId: ACC,
          claimId: CLAIM,
          lines: [
            { chargeId: CHG1, approvedAmount: 10000 },
            { chargeId: CHG2, approvedAmount: 10000 },
          ],
        })
        .thenRejects('claim-not-submitted');
    });
    it('posts the remittance: a payment allocated to the invoice; the rest is the patient’s', () => {
      given({ account: [...withInvoice, covered, claimed, adjudicated(14000)] })
        .when(spec.postRemittance, { accountId: ACC, claimId: CLAIM, amount: 14000 }, as('u', [PAY]))
        .thenEvents({
          account: [
            ev('PaymentReceived', {
              accountId: ACC,
              paymentId: PAY,
              method: 'insurer',
              purpose: 'remittance',
              amount: 14000,
              shiftId: null,
              claimId: CLAIM,
              receivedAt: TEST_NOW,
            }),
            ev('PaymentAllocated', {
              accountId: ACC,
              paymentId: PAY,
              invoiceId: INV,
              amount: 14000,
              allocatedAt: TEST_NOW,
            }),
            ev('RemittancePosted', {
              accountId: ACC,
              claimId: CLAIM,
              paymentId: PAY,
              amount: 14000,
              patientResponsibility: 6000,
              postedAt: TEST_NOW,
              invoiceId: INV,
            }),
          ],
        });
    });
    it('refuses: claim-not-adjudicated', () => {
      given({ account: [...withInvoice, covered, claimed] })
        .when(spec.postRemittance, { accountId: ACC, claimId: CLAIM, amount: 1 })
        .thenRejects('claim-not-adjudicated');
    });
    it('refuses: remittance-exceeds-approved', () => {
      given({ account: [...withInvoice, covered, claimed, adjudicated(14000)] })
        .when(spec.postRemittance, { accountId: ACC, claimId: CLAIM, amount: 14001 })
        .thenRejects('remittance-exceeds-approved');
    });
  });
});
