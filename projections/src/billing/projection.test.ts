import type { Document } from '@chartline/infra';
import { describeProjectionSpecs, projectionSpec, SPEC_HOSPITAL, SPEC_TIME } from '../testing/projection-spec.js';
import { billingProjection } from './projection.js';
import {
  BILLING_ACCOUNTS,
  BILLING_CHARGES,
  BILLING_CLAIMS,
  BILLING_INVOICES,
  BILLING_PAYMENTS,
  BILLING_SHIFTS,
} from './views.js';

const { event, given } = projectionSpec(billingProjection);
const id = (n: number) => `0193a6f0-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;
const ACC = id(1);
const PAT = id(2);
const C1 = id(3);
const C2 = id(4);
const INV = id(5);
const CN = id(6);
const PAY = id(7);
const SHIFT = id(8);
const ADJ = id(9);
const PAYER = id(10);
const CLAIM = id(11);
const _id = (x: string) => `${SPEC_HOSPITAL}:${x}`;
const onAccount = { aggregateId: ACC };
const onShift = { aggregateId: SHIFT };

const ZERO = {
  charged: 0,
  unbilled: 0,
  invoiced: 0,
  voided: 0,
  paid: 0,
  writtenOff: 0,
  outstanding: 0,
  received: 0,
  refunded: 0,
};
// The charges these specs capture: C1, then C2, 10 700 each; the account records each one's amount.
const chargeTotalsAfter = (charged: number): Document =>
  charged === 0 ? {} : { chargeTotals: charged === 10700 ? { [C1]: 10700 } : { [C1]: 10700, [C2]: 10700 } };
const account = (position: number, revision: number, totals: Partial<typeof ZERO> = {}, extra: Document = {}) => ({
  ...chargeTotalsAfter(totals.charged ?? 0),
  _id: _id(ACC),
  hospitalId: SPEC_HOSPITAL,
  accountId: ACC,
  patientId: PAT,
  kind: 'outpatient',
  stayId: null,
  currency: 'EUR',
  payerId: null,
  openedAt: SPEC_TIME,
  dischargedAt: null,
  totals: { ...ZERO, ...totals },
  adjustments: {},
  position,
  revision,
  ...extra,
});
const charge = (chargeId: string, position: number, extra: Document = {}) => ({
  _id: _id(chargeId),
  hospitalId: SPEC_HOSPITAL,
  chargeId,
  accountId: ACC,
  source: 'manual',
  sourceId: chargeId,
  serviceCode: 'consult',
  description: 'Consultation',
  quantity: 1,
  unitPrice: 10000,
  netAmount: 10000,
  taxBasisPoints: 700,
  taxAmount: 700,
  totalAmount: 10700,
  currency: 'EUR',
  serviceDate: '2025-03-01',
  capturedAt: SPEC_TIME,
  status: 'unbilled',
  invoiceId: null,
  reason: null,
  position,
  ...extra,
});
const invoiceDoc = (position: number, extra: Document = {}) => ({
  _id: _id(INV),
  hospitalId: SPEC_HOSPITAL,
  documentId: INV,
  kind: 'invoice',
  number: 1,
  accountId: ACC,
  relatedInvoiceId: null,
  chargeIds: [C1, C2],
  totalAmount: 21400,
  currency: 'EUR',
  issuedAt: SPEC_TIME,
  credited: 0,
  paid: 0,
  writtenOff: 0,
  outstanding: 21400,
  payerExpected: 0,
  payerId: null,
  status: 'open',
  position,
  ...extra,
});

const opened = event(
  'AccountOpened',
  { accountId: ACC, patientId: PAT, kind: 'outpatient', stayId: null, currency: 'EUR', openedAt: SPEC_TIME },
  onAccount,
);
const captured = (chargeId: string) =>
  event(
    'ChargeCaptured',
    {
      accountId: ACC,
      chargeId,
      source: 'manual',
      sourceId: chargeId,
      serviceCode: 'consult',
      description: 'Consultation',
      quantity: 1,
      unitPrice: 10000,
      netAmount: 10000,
      taxBasisPoints: 700,
      taxAmount: 700,
      totalAmount: 10700,
      currency: 'EUR',
      serviceDate: '2025-03-01',
      capturedAt: SPEC_TIME,
    },
    onAccount,
  );
const issued = event(
  'InvoiceIssued',
  {
    accountId: ACC,
    invoiceId: INV,
    invoiceNumber: 1,
    correctsInvoiceId: null,
    chargeIds: [C1, C2],
    netAmount: 20000,
    taxAmount: 1400,
    totalAmount: 21400,
    currency: 'EUR',
    issuedAt: SPEC_TIME,
  },
  onAccount,
);
const invoiced = [opened, captured(C1), captured(C2), issued];
const received = (amount: number, purpose: 'payment' | 'deposit' = 'payment') =>
  event(
    'PaymentReceived',
    {
      accountId: ACC,
      paymentId: PAY,
      method: 'cash',
      purpose,
      amount,
      shiftId: SHIFT,
      claimId: null,
      receivedAt: SPEC_TIME,
    },
    onAccount,
  );
const payment = (position: number, amount: number, allocated: number, purpose = 'payment') => ({
  _id: _id(PAY),
  hospitalId: SPEC_HOSPITAL,
  paymentId: PAY,
  accountId: ACC,
  method: 'cash',
  purpose,
  amount,
  allocated,
  shiftId: SHIFT,
  claimId: null,
  receivedAt: SPEC_TIME,
  position,
});
const allocated = (amount: number) =>
  event(
    'PaymentAllocated',
    { accountId: ACC, paymentId: PAY, invoiceId: INV, amount, allocatedAt: SPEC_TIME },
    onAccount,
  );
const requested = (kind: 'refund' | 'discount' | 'write_off', amount: number) =>
  event(
    'AdjustmentRequested',
    {
      accountId: ACC,
      adjustmentId: ADJ,
      kind,
      invoiceId: kind === 'refund' ? null : INV,
      amount,
      reason: 'goodwill',
      requestedBy: 'clerk',
      requestedAt: SPEC_TIME,
    },
    onAccount,
  );
const approvedFor = (invoiceId: string | null) =>
  event(
    'AdjustmentApproved',
    { accountId: ACC, adjustmentId: ADJ, approvedBy: 'boss', approvedAt: SPEC_TIME, invoiceId },
    onAccount,
  );
const approved = approvedFor(INV);
const adjustment = (kind: string, amount: number, status: string) => ({
  [ADJ]: { kind, amount, invoiceId: kind === 'refund' ? null : INV, status, requestedBy: 'clerk' },
});
const shiftOpened = event(
  'CashierShiftOpened',
  {
    shiftId: SHIFT,
    cashierId: 'cashier-1',
    openingFloat: 5000,
    currency: 'EUR',
    openedAt: SPEC_TIME,
  },
  onShift,
);
const shift = (position: number, extra: Document = {}) => ({
  _id: _id(SHIFT),
  hospitalId: SPEC_HOSPITAL,
  shiftId: SHIFT,
  cashierId: 'cashier-1',
  currency: 'EUR',
  status: 'open',
  openedAt: SPEC_TIME,
  closedAt: null,
  openingFloat: 5000,
  takenIn: { cash: 0, card: 0, transfer: 0 },
  paidOut: { cash: 0, card: 0, transfer: 0 },
  expectedCash: 5000,
  countedCash: null,
  variance: null,
  position,
  ...extra,
});
const moneyIn = event(
  'ShiftMoneyRecorded',
  {
    shiftId: SHIFT,
    accountId: ACC,
    movementId: PAY,
    direction: 'in',
    method: 'cash',
    amount: 3000,
    recordedAt: SPEC_TIME,
  },
  onShift,
);
const covered = event('CoverageRecorded', { accountId: ACC, payerId: PAYER, recordedAt: SPEC_TIME }, onAccount);
const submitted = event(
  'ClaimSubmitted',
  {
    accountId: ACC,
    claimId: CLAIM,
    payerId: PAYER,
    invoiceId: INV,
    chargeIds: [C1, C2],
    claimedAmount: 21400,
    submittedAt: SPEC_TIME,
  },
  onAccount,
);
const adjudicated = event(
  'ClaimAdjudicated',
  {
    accountId: ACC,
    claimId: CLAIM,
    outcome: 'partly_approved',
    lines: [
      { chargeId: C1, approvedAmount: 10700, reason: null },
      { chargeId: C2, approvedAmount: 0, reason: 'not covered' },
    ],
    approvedAmount: 10700,
    adjudicatedAt: SPEC_TIME,
    invoiceId: INV,
  },
  onAccount,
);
const claim = (position: number, extra: Document = {}) => ({
  _id: _id(CLAIM),
  hospitalId: SPEC_HOSPITAL,
  claimId: CLAIM,
  accountId: ACC,
  payerId: PAYER,
  invoiceId: INV,
  chargeIds: [C1, C2],
  claimedAmount: 21400,
  approvedAmount: null,
  paidAmount: null,
  patientResponsibility: null,
  lines: [],
  status: 'submitted',
  submittedAt: SPEC_TIME,
  adjudicatedAt: null,
  remittedAt: null,
  position,
  ...extra,
});
const claimLines = [
  { chargeId: C1, approvedAmount: 10700, reason: null },
  { chargeId: C2, approvedAmount: 0, reason: 'not covered' },
];
const invoicedCharges = (position: number) => [
  charge(C1, position, { status: 'invoiced', invoiceId: INV }),
  charge(C2, position, { status: 'invoiced', invoiceId: INV }),
];
const afterInvoice = { charged: 21400, invoiced: 21400, outstanding: 21400 };

describeProjectionSpecs(billingProjection, {
  AccountOpened: () => given(opened).expect({ [BILLING_ACCOUNTS]: [account(1, 0)] }),
  StayDischargeRecorded: () =>
    given(
      opened,
      event('StayDischargeRecorded', { accountId: ACC, stayId: ACC, dischargedAt: SPEC_TIME }, onAccount),
    ).expect({
      [BILLING_ACCOUNTS]: [account(2, 1, {}, { dischargedAt: SPEC_TIME })],
    }),
  StayWardRecorded: () =>
    given(
      opened,
      event(
        'StayWardRecorded',
        { accountId: ACC, stayId: ACC, wardId: id(12), specialty: 'general', from: SPEC_TIME },
        onAccount,
      ),
    ).expect({
      // Only the revision moves (the account's If-Match follows its stream).
      [BILLING_ACCOUNTS]: [account(2, 1)],
    }),
  CoverageRecorded: () =>
    given(opened, covered).expect({ [BILLING_ACCOUNTS]: [account(2, 1, {}, { payerId: PAYER })] }),
  ChargeCaptured: () =>
    given(opened, captured(C1)).expect({
      [BILLING_ACCOUNTS]: [account(2, 1, { charged: 10700, unbilled: 10700 })],
      [BILLING_CHARGES]: [charge(C1, 2)],
    }),
  ChargeVoided: () =>
    given(
      opened,
      captured(C1),
      event('ChargeVoided', { accountId: ACC, chargeId: C1, reason: 'error', voidedAt: SPEC_TIME }, onAccount),
    ).expect({
      [BILLING_ACCOUNTS]: [account(3, 2, { charged: 10700, voided: 10700 })],
      [BILLING_CHARGES]: [charge(C1, 3, { status: 'void', reason: 'error' })],
    }),
  ChargeMarkedNotBillable: () =>
    given(
      opened,
      captured(C1),
      event(
        'ChargeMarkedNotBillable',
        { accountId: ACC, chargeId: C1, reason: 'repeat', markedAt: SPEC_TIME },
        onAccount,
      ),
    ).expect({
      [BILLING_ACCOUNTS]: [account(3, 2, { charged: 10700, voided: 10700 })],
      [BILLING_CHARGES]: [charge(C1, 3, { status: 'not_billable', reason: 'repeat' })],
    }),
  InvoiceIssued: () =>
    given(...invoiced).expect({
      [BILLING_ACCOUNTS]: [account(4, 3, afterInvoice)],
      [BILLING_CHARGES]: invoicedCharges(4),
      [BILLING_INVOICES]: [invoiceDoc(4)],
    }),
  CreditNoteIssued: () =>
    given(
      ...invoiced,
      event(
        'CreditNoteIssued',
        {
          accountId: ACC,
          creditNoteId: CN,
          creditNoteNumber: 2,
          invoiceId: INV,
          chargeIds: [C2],
          totalAmount: 10700,
          reason: 'not given',
          issuedAt: SPEC_TIME,
          currency: 'EUR',
        },
        onAccount,
      ),
    ).expect({
      [BILLING_ACCOUNTS]: [account(5, 4, { charged: 21400, invoiced: 10700, outstanding: 10700, unbilled: 10700 })],
      [BILLING_CHARGES]: [charge(C1, 4, { status: 'invoiced', invoiceId: INV }), charge(C2, 5)],
      [BILLING_INVOICES]: [
        invoiceDoc(5, { credited: 10700, outstanding: 10700 }),
        {
          _id: _id(CN),
          hospitalId: SPEC_HOSPITAL,
          documentId: CN,
          kind: 'credit_note',
          number: 2,
          accountId: ACC,
          relatedInvoiceId: INV,
          chargeIds: [C2],
          totalAmount: 10700,
          currency: 'EUR',
          issuedAt: SPEC_TIME,
          credited: 0,
          paid: 0,
          writtenOff: 0,
          outstanding: 0,
          payerExpected: 0,
          payerId: null,
          status: 'paid',
          position: 5,
        },
      ],
    }),
  PaymentReceived: () =>
    given(opened, received(8000, 'deposit')).expect({
      [BILLING_ACCOUNTS]: [account(2, 1, { received: 8000 })],
      [BILLING_PAYMENTS]: [payment(2, 8000, 0, 'deposit')],
    }),
  PaymentAllocated: () =>
    given(...invoiced, received(30000), allocated(21400)).expect({
      [BILLING_ACCOUNTS]: [account(6, 5, { ...afterInvoice, received: 30000, paid: 21400, outstanding: 0 })],
      [BILLING_CHARGES]: invoicedCharges(4),
      [BILLING_INVOICES]: [invoiceDoc(6, { paid: 21400, outstanding: 0, status: 'paid' })],
      [BILLING_PAYMENTS]: [payment(6, 30000, 21400)],
    }),
  AdjustmentRequested: () =>
    given(...invoiced, requested('discount', 1400)).expect({
      [BILLING_ACCOUNTS]: [account(5, 4, afterInvoice, { adjustments: adjustment('discount', 1400, 'requested') })],
      [BILLING_CHARGES]: invoicedCharges(4),
      // The invoice records the discount asked of it, so its approval moves the invoice from its own state.
      [BILLING_INVOICES]: [invoiceDoc(5, { adjustments: { [ADJ]: 1400 } })],
    }),
  AdjustmentApproved: () =>
    given(...invoiced, requested('discount', 1400), approved).expect({
      [BILLING_ACCOUNTS]: [
        account(
          6,
          5,
          { ...afterInvoice, writtenOff: 1400, outstanding: 20000 },
          { adjustments: adjustment('discount', 1400, 'approved') },
        ),
      ],
      [BILLING_CHARGES]: invoicedCharges(4),
      [BILLING_INVOICES]: [invoiceDoc(6, { writtenOff: 1400, outstanding: 20000, adjustments: { [ADJ]: 1400 } })],
    }),
  RefundPaidOut: () =>
    given(
      opened,
      received(8000, 'deposit'),
      requested('refund', 3000),
      approvedFor(null),
      event(
        'RefundPaidOut',
        { accountId: ACC, adjustmentId: ADJ, method: 'cash', shiftId: SHIFT, paidAt: SPEC_TIME },
        onAccount,
      ),
    ).expect({
      [BILLING_ACCOUNTS]: [
        account(5, 4, { received: 8000, refunded: 3000 }, { adjustments: adjustment('refund', 3000, 'paid_out') }),
      ],
      [BILLING_PAYMENTS]: [payment(2, 8000, 0, 'deposit')],
    }),
  ClaimSubmitted: () =>
    given(...invoiced, covered, submitted).expect({
      [BILLING_ACCOUNTS]: [account(5, 4, afterInvoice, { payerId: PAYER })],
      [BILLING_CHARGES]: invoicedCharges(4),
      [BILLING_INVOICES]: [
        invoiceDoc(6, {
          payerId: PAYER,
          payerExpected: 21400,
          claims: { [CLAIM]: { claimed: 21400, approved: null } },
        }),
      ],
      [BILLING_CLAIMS]: [claim(6)],
    }),
  ClaimAdjudicated: () =>
    given(...invoiced, covered, submitted, adjudicated).expect({
      [BILLING_ACCOUNTS]: [account(5, 4, afterInvoice, { payerId: PAYER })],
      [BILLING_CHARGES]: invoicedCharges(4),
      [BILLING_INVOICES]: [
        invoiceDoc(7, {
          payerId: PAYER,
          payerExpected: 10700,
          claims: { [CLAIM]: { claimed: 21400, approved: 10700 } },
        }),
      ],
      [BILLING_CLAIMS]: [
        claim(7, { approvedAmount: 10700, lines: claimLines, status: 'partly_approved', adjudicatedAt: SPEC_TIME }),
      ],
    }),
  RemittancePosted: () =>
    given(
      ...invoiced,
      covered,
      submitted,
      adjudicated,
      event(
        'PaymentReceived',
        {
          accountId: ACC,
          paymentId: PAY,
          method: 'insurer',
          purpose: 'remittance',
          amount: 10700,
          shiftId: null,
          claimId: CLAIM,
          receivedAt: SPEC_TIME,
        },
        onAccount,
      ),
      allocated(10700),
      event(
        'RemittancePosted',
        {
          accountId: ACC,
          claimId: CLAIM,
          paymentId: PAY,
          amount: 10700,
          patientResponsibility: 10700,
          postedAt: SPEC_TIME,
          invoiceId: INV,
        },
        onAccount,
      ),
    ).expect({
      [BILLING_ACCOUNTS]: [
        account(9, 8, { ...afterInvoice, received: 10700, paid: 10700, outstanding: 10700 }, { payerId: PAYER }),
      ],
      [BILLING_CHARGES]: invoicedCharges(4),
      [BILLING_INVOICES]: [
        invoiceDoc(10, {
          payerId: PAYER,
          paid: 10700,
          outstanding: 10700,
          payerExpected: 0,
          status: 'partially_paid',
          claims: { [CLAIM]: { claimed: 21400, approved: 10700 } },
        }),
      ],
      [BILLING_PAYMENTS]: [
        { ...payment(9, 10700, 10700), method: 'insurer', purpose: 'remittance', shiftId: null, claimId: CLAIM },
      ],
      [BILLING_CLAIMS]: [
        claim(10, {
          approvedAmount: 10700,
          lines: claimLines,
          status: 'remitted',
          adjudicatedAt: SPEC_TIME,
          paidAmount: 10700,
          patientResponsibility: 10700,
          remittedAt: SPEC_TIME,
        }),
      ],
    }),
  CashierShiftOpened: () => given(shiftOpened).expect({ [BILLING_SHIFTS]: [shift(1)] }),
  ShiftMoneyRecorded: () =>
    given(shiftOpened, moneyIn).expect({
      [BILLING_SHIFTS]: [shift(2, { takenIn: { cash: 3000, card: 0, transfer: 0 }, expectedCash: 8000 })],
    }),
  CashierShiftClosed: () =>
    given(
      shiftOpened,
      moneyIn,
      event(
        'CashierShiftClosed',
        {
          shiftId: SHIFT,
          countedCash: 7900,
          expectedCash: 8000,
          variance: -100,
          closedAt: SPEC_TIME,
        },
        onShift,
      ),
    ).expect({
      [BILLING_SHIFTS]: [
        shift(3, {
          takenIn: { cash: 3000, card: 0, transfer: 0 },
          expectedCash: 8000,
          status: 'closed',
          closedAt: SPEC_TIME,
          countedCash: 7900,
          variance: -100,
        }),
      ],
    }),
});
