import { v5 as uuidv5 } from 'uuid';
import type { HospitalSettingsInForce } from '../hospitals/index.js';
import type { AccountState, ChargeState } from './account.js';
import { outstanding, unallocatedCredit, unbilledChargeIds } from './account.js';
import { type BedNight, bedDayService, bedNights, type WardSegment } from './bed-days.js';
import { localDate } from './calendar.js';
import type { CashierShiftState } from './cashier-shift.js';
import type * as C from './commands.js';
import type { BillingEvent, BillingEventNamed } from './events.js';
import type { InvoiceSequenceState } from './invoice-sequence.js';
import { lineAmounts, priceWithMarkup, sum } from './money.js';
import type { PayerState } from './payer.js';
import { type PriceListState, priceInForce } from './price-list.js';
import { violate } from './rules.js';

type Events = BillingEvent[];

/** Namespace of the charge ids derived from their sources (UUID v5). */
const CHARGE_NAMESPACE = '6f1d4b1e-3c1a-5d7e-9a0b-4c2f8e1d0b17';

/** A captured charge's id from its source: the same night of a stay, or the same clinical event, is one charge. */
export const derivedChargeId = (source: string, sourceId: string) => uuidv5(`${source}:${sourceId}`, CHARGE_NAMESPACE);

/**
 * What billing needs of its hospital, from the hospitals settings port (the settings in force at the
 * command's time): the currency money is in and the time zone local days are counted in. A hospital
 * never registered has none: the port refuses with `hospital-not-registered` before any decider runs.
 */
type Hospital = Pick<HospitalSettingsInForce, 'currency' | 'timeZone'>;

function openAccount(account: AccountState, accountId: string): AccountState & { currency: string } {
  if (!account.open || account.currency === null) return violate('account-not-found', { accountId });
  return account as AccountState & { currency: string };
}

const chargeOf = (account: AccountState, chargeId: string): ChargeState =>
  account.charges[chargeId] ?? violate('charge-not-found', { chargeId });

interface PricedCharge {
  readonly accountId: string;
  readonly chargeId: string;
  readonly source: BillingEventNamed<'ChargeCaptured'>['data']['source'];
  readonly sourceId: string;
  readonly serviceCode: string;
  readonly quantity: number;
  readonly serviceDate: string;
  readonly currency: string;
  readonly at: string;
}

/** A charge at the price in force on its service date, copied into the event (a later price never changes it). */
function capture(
  prices: PriceListState,
  c: PricedCharge,
  unitCost: number | null = null,
): BillingEventNamed<'ChargeCaptured'> {
  const price =
    priceInForce(prices, c.serviceCode, c.serviceDate) ??
    violate('no-price-in-force', { serviceCode: c.serviceCode, serviceDate: c.serviceDate });
  // A stock item listed at cost plus markup is priced from the issued lot's cost.
  const unitPrice =
    price.kind === 'stock_item' && price.unitPrice === 0 && unitCost !== null
      ? priceWithMarkup(unitCost, price.markupBasisPoints)
      : price.unitPrice;
  const amounts = lineAmounts(c.quantity, unitPrice, price.taxBasisPoints);
  return {
    type: 'ChargeCaptured',
    data: {
      accountId: c.accountId,
      chargeId: c.chargeId,
      source: c.source,
      sourceId: c.sourceId,
      serviceCode: c.serviceCode,
      description: price.description,
      quantity: c.quantity,
      unitPrice,
      ...amounts,
      taxBasisPoints: price.taxBasisPoints,
      currency: c.currency,
      serviceDate: c.serviceDate,
      capturedAt: c.at,
    },
  };
}

/** Bed-day charges for the nights not charged yet. */
function chargeNights(
  account: AccountState & { currency: string },
  accountId: string,
  nights: readonly BedNight[],
  prices: PriceListState,
  at: string,
): Events {
  const stayId = account.stayId ?? accountId;
  return nights
    .filter((n) => account.sources[`${stayId}:${n.night}`] === undefined)
    .map((n) =>
      capture(prices, {
        accountId,
        chargeId: derivedChargeId('bed_day', `${stayId}:${n.night}`),
        source: 'bed_day',
        sourceId: `${stayId}:${n.night}`,
        serviceCode: bedDayService(n.specialty),
        quantity: 1,
        serviceDate: n.night,
        currency: account.currency,
        at,
      }),
    );
}

export function setServicePrice(c: C.SetServicePrice, hospital: Hospital): Events {
  const { currency } = hospital;
  const { at, type: _, hospitalId: __, ...price } = c;
  return [{ type: 'ServicePriceSet', data: { ...price, currency, setAt: at } }];
}

export function registerPayer(c: C.RegisterPayer, payer: PayerState): Events {
  if (payer.registered) violate('payer-already-registered');
  return [{ type: 'PayerRegistered', data: { payerId: c.payerId, name: c.name, registeredAt: c.at } }];
}

export function openOutpatientAccount(c: C.OpenOutpatientAccount, account: AccountState, hospital: Hospital): Events {
  const { currency } = hospital;
  if (account.open) violate('account-already-open');
  const opened: BillingEvent = {
    type: 'AccountOpened',
    data: {
      accountId: c.accountId,
      patientId: c.patientId,
      kind: 'outpatient',
      stayId: null,
      currency,
      openedAt: c.at,
    },
  };
  return [opened];
}

/** A stay's account, opened at admission; a redelivered admission finds it open and adds nothing. */
export function openStayAccount(c: C.OpenStayAccount, account: AccountState, hospital: Hospital): Events {
  const { currency } = hospital;
  if (account.open) return [];
  return [
    {
      type: 'AccountOpened',
      data: {
        accountId: c.stayId,
        patientId: c.patientId,
        kind: 'inpatient',
        stayId: c.stayId,
        currency,
        openedAt: c.admittedAt,
      },
    },
    {
      type: 'StayWardRecorded',
      data: { accountId: c.stayId, stayId: c.stayId, wardId: c.wardId, specialty: c.specialty, from: c.admittedAt },
    },
  ];
}

/** The nights spent on the wards so far are charged; from the transfer on, the new ward's price applies. */
export function recordStayTransfer(
  c: C.RecordStayTransfer,
  account: AccountState,
  prices: PriceListState,
  hospital: Hospital,
): Events {
  const { timeZone } = hospital;
  const open = openAccount(account, c.stayId);
  if (open.wards.some((w) => w.from === c.transferredAt) || open.dischargedAt !== null) return [];
  const nights = bedNights(open.wards, c.transferredAt, timeZone, false);
  return [
    ...chargeNights(open, c.stayId, nights, prices, c.at),
    {
      type: 'StayWardRecorded',
      data: { accountId: c.stayId, stayId: c.stayId, wardId: c.wardId, specialty: c.specialty, from: c.transferredAt },
    },
  ];
}

/** Every night of the stay not charged yet is charged (see bedNights for the day of discharge). */
export function recordStayDischarge(
  c: C.RecordStayDischarge,
  account: AccountState,
  prices: PriceListState,
  hospital: Hospital,
): Events {
  const { timeZone } = hospital;
  const open = openAccount(account, c.stayId);
  if (open.dischargedAt !== null) return [];
  const nights = bedNights(open.wards, c.dischargedAt, timeZone, true);
  return [
    ...chargeNights(open, c.stayId, nights, prices, c.at),
    { type: 'StayDischargeRecorded', data: { accountId: c.stayId, stayId: c.stayId, dischargedAt: c.dischargedAt } },
  ];
}

/**
 * The scheduled run (nightly CronJob): every night a stay still in hospital has completed by
 * `through` is charged now, so a long stay's account is current before discharge. Idempotent: the
 * nights already charged are skipped, so running it twice, or late, charges each night once.
 */
export function captureBedDays(
  c: C.CaptureBedDays,
  account: AccountState,
  prices: PriceListState,
  hospital: Hospital,
): Events {
  const { timeZone } = hospital;
  const open = openAccount(account, c.accountId);
  if (open.kind !== 'inpatient' || open.dischargedAt !== null) return [];
  // ISO-8601 UTC strings of one format compare as instants.
  const until = [c.through, c.at].sort()[0] ?? c.at;
  return chargeNights(open, c.accountId, bedNights(open.wards, until, timeZone, false), prices, c.at);
}

export function captureCharge(
  c: C.CaptureCharge,
  account: AccountState,
  prices: PriceListState,
  hospital: Hospital,
): Events {
  const { timeZone } = hospital;
  const open = openAccount(account, c.accountId);
  if (open.sources[c.sourceId] !== undefined) return [];
  return [
    capture(prices, {
      accountId: c.accountId,
      chargeId: c.chargeId,
      source: c.source,
      sourceId: c.sourceId,
      serviceCode: c.serviceCode,
      quantity: c.quantity,
      serviceDate: c.serviceDate ?? localDate(c.at, timeZone),
      currency: open.currency,
      at: c.at,
    }),
  ];
}

/** A lab order or stock issue on the stay's account, once per clinical event. */
export function captureClinicalCharge(
  c: C.CaptureClinicalCharge,
  account: AccountState,
  prices: PriceListState,
  hospital: Hospital,
): Events {
  const { timeZone } = hospital;
  const open = openAccount(account, c.stayId);
  if (open.sources[c.sourceEventId] !== undefined) return [];
  return [
    capture(
      prices,
      {
        accountId: c.stayId,
        chargeId: c.chargeId,
        source: c.source,
        sourceId: c.sourceEventId,
        serviceCode: c.serviceCode,
        quantity: c.quantity,
        serviceDate: localDate(c.servedAt, timeZone),
        currency: open.currency,
        at: c.at,
      },
      c.unitCost,
    ),
  ];
}

export function setChargeAside(c: C.SetChargeAside, account: AccountState): Events {
  openAccount(account, c.accountId);
  if (chargeOf(account, c.chargeId).status !== 'unbilled') violate('charge-not-unbilled', { chargeId: c.chargeId });
  const data = { accountId: c.accountId, chargeId: c.chargeId, reason: c.reason };
  return c.how === 'void'
    ? [{ type: 'ChargeVoided', data: { ...data, voidedAt: c.at } }]
    : [{ type: 'ChargeMarkedNotBillable', data: { ...data, markedAt: c.at } }];
}

export function issueInvoice(
  c: C.IssueInvoice,
  account: AccountState,
  sequence: InvoiceSequenceState,
): { account: Events; sequence: Events } {
  const open = openAccount(account, c.accountId);
  // The discharge's own bed-days are charged when billing records it, after the discharge itself.
  if (c.final && open.kind === 'inpatient' && open.dischargedAt === null) violate('stay-discharge-not-recorded');
  const chargeIds = c.chargeIds ?? unbilledChargeIds(open);
  if (chargeIds.length === 0) violate('no-unbilled-charges');
  const charges = chargeIds.map((id) => {
    const charge = chargeOf(open, id);
    if (charge.status !== 'unbilled') violate('charge-not-unbilled', { chargeId: id });
    return charge;
  });
  if (c.correctsInvoiceId !== null) {
    const corrected = open.invoices[c.correctsInvoiceId] ?? violate('invoice-not-found');
    if (!corrected.hasCreditNote) violate('corrected-invoice-not-credited');
  }
  const number = sequence.lastNumber + 1;
  return {
    account: [
      {
        type: 'InvoiceIssued',
        data: {
          accountId: c.accountId,
          invoiceId: c.invoiceId,
          invoiceNumber: number,
          correctsInvoiceId: c.correctsInvoiceId,
          chargeIds,
          netAmount: sum(charges.map((x) => x.netAmount)),
          taxAmount: sum(charges.map((x) => x.taxAmount)),
          totalAmount: sum(charges.map((x) => x.totalAmount)),
          currency: open.currency,
          issuedAt: c.at,
        },
      },
    ],
    sequence: [numberAllocated(number, c.invoiceId, c.accountId, 'invoice', c.at)],
  };
}

const numberAllocated = (
  sequence: number,
  documentId: string,
  accountId: string,
  documentKind: 'invoice' | 'credit_note',
  at: string,
): BillingEvent => ({
  type: 'InvoiceNumberAllocated',
  data: { sequence, documentId, accountId, documentKind, allocatedAt: at },
});

export function issueCreditNote(
  c: C.IssueCreditNote,
  account: AccountState,
  sequence: InvoiceSequenceState,
): { account: Events; sequence: Events } {
  const open = openAccount(account, c.accountId);
  const invoice = open.invoices[c.invoiceId] ?? violate('invoice-not-found', { invoiceId: c.invoiceId });
  const credited = c.chargeIds.map((id) => {
    const charge = open.charges[id];
    if (charge?.status !== 'invoiced' || charge.invoiceId !== c.invoiceId) {
      return violate('charges-not-on-invoice', { chargeId: id });
    }
    return charge;
  });
  const total = sum(credited.map((x) => x.totalAmount));
  if (total > outstanding(invoice)) violate('credit-exceeds-outstanding', { outstanding: outstanding(invoice) });
  const number = sequence.lastNumber + 1;
  return {
    account: [
      {
        type: 'CreditNoteIssued',
        data: {
          accountId: c.accountId,
          creditNoteId: c.creditNoteId,
          creditNoteNumber: number,
          invoiceId: c.invoiceId,
          chargeIds: c.chargeIds,
          totalAmount: total,
          reason: c.reason,
          issuedAt: c.at,
          currency: open.currency ?? '',
        },
      },
    ],
    sequence: [numberAllocated(number, c.creditNoteId, c.accountId, 'credit_note', c.at)],
  };
}

export function openCashierShift(c: C.OpenCashierShift, shift: CashierShiftState, hospital: Hospital): Events {
  const { currency } = hospital;
  if (shift.status !== 'absent') violate('shift-already-open');
  return [
    {
      type: 'CashierShiftOpened',
      data: { shiftId: c.shiftId, cashierId: c.cashierId, openingFloat: c.openingFloat, currency, openedAt: c.at },
    },
  ];
}

function ownOpenShift(shift: CashierShiftState, cashierId: string): CashierShiftState {
  if (shift.status === 'absent') violate('shift-not-found');
  if (shift.status !== 'open') violate('shift-not-open');
  if (shift.cashierId !== cashierId) violate('shift-of-another-cashier');
  return shift;
}

/** The variance (counted − expected) is recorded, never refused: a short drawer is a fact to investigate. */
export function closeCashierShift(c: C.CloseCashierShift, shift: CashierShiftState): Events {
  const open = ownOpenShift(shift, c.cashierId);
  return [
    {
      type: 'CashierShiftClosed',
      data: {
        shiftId: c.shiftId,
        countedCash: c.countedCash,
        expectedCash: open.expectedCash,
        variance: c.countedCash - open.expectedCash,
        closedAt: c.at,
      },
    },
  ];
}

function allocated(
  account: AccountState,
  accountId: string,
  invoiceId: string,
  amount: number,
  paymentId: string,
  at: string,
): BillingEvent {
  const invoice = account.invoices[invoiceId] ?? violate('invoice-not-found', { invoiceId });
  if (amount > outstanding(invoice)) violate('allocation-exceeds-outstanding', { outstanding: outstanding(invoice) });
  return { type: 'PaymentAllocated', data: { accountId, paymentId, invoiceId, amount, allocatedAt: at } };
}

export function takePayment(
  c: C.TakePayment,
  account: AccountState,
  shift: CashierShiftState,
): { account: Events; shift: Events } {
  openAccount(account, c.accountId);
  ownOpenShift(shift, c.cashierId);
  const events: Events = [
    {
      type: 'PaymentReceived',
      data: {
        accountId: c.accountId,
        paymentId: c.paymentId,
        method: c.method,
        purpose: c.purpose,
        amount: c.amount,
        shiftId: c.shiftId,
        claimId: null,
        receivedAt: c.at,
      },
    },
  ];
  if (c.invoiceId !== null) {
    events.push(allocated(account, c.accountId, c.invoiceId, c.amount, c.paymentId, c.at));
  } else if (c.purpose === 'payment') {
    // Without a named invoice, a payment settles the oldest open invoices first; the rest is credit.
    let left = c.amount;
    const open = Object.entries(account.invoices)
      .filter(([, invoice]) => outstanding(invoice) > 0)
      .sort(([, a], [, b]) => a.number - b.number);
    for (const [invoiceId, invoice] of open) {
      if (left === 0) break;
      const amount = Math.min(left, outstanding(invoice));
      events.push(allocated(account, c.accountId, invoiceId, amount, c.paymentId, c.at));
      left -= amount;
    }
  }
  return {
    account: events,
    shift: [
      {
        type: 'ShiftMoneyRecorded',
        data: {
          shiftId: c.shiftId,
          accountId: c.accountId,
          movementId: c.paymentId,
          direction: 'in',
          method: c.method,
          amount: c.amount,
          recordedAt: c.at,
        },
      },
    ],
  };
}

export function allocatePayment(c: C.AllocatePayment, account: AccountState): Events {
  openAccount(account, c.accountId);
  const payment = account.payments[c.paymentId] ?? violate('payment-not-found', { paymentId: c.paymentId });
  if (c.amount > payment.amount - payment.allocated) {
    violate('allocation-exceeds-payment', { left: payment.amount - payment.allocated });
  }
  // Money set aside for a requested refund is not there to allocate.
  if (c.amount > unallocatedCredit(account)) {
    violate('allocation-exceeds-payment', { left: Math.max(0, unallocatedCredit(account)) });
  }
  return [allocated(account, c.accountId, c.invoiceId, c.amount, c.paymentId, c.at)];
}

export function requestAdjustment(c: C.RequestAdjustment, account: AccountState): Events {
  openAccount(account, c.accountId);
  if (c.kind === 'refund') {
    if (c.amount > unallocatedCredit(account)) violate('refund-exceeds-credit', { credit: unallocatedCredit(account) });
  } else {
    const invoice =
      account.invoices[c.invoiceId ?? ''] ?? violate('invoice-not-found', { invoiceId: c.invoiceId ?? '' });
    const pending = sum(
      Object.values(account.adjustments)
        .filter((a) => a.invoiceId === c.invoiceId && a.kind !== 'refund' && a.status === 'requested')
        .map((a) => a.amount),
    );
    if (c.amount + pending > outstanding(invoice)) {
      violate('adjustment-exceeds-outstanding', { outstanding: outstanding(invoice) - pending });
    }
  }
  return [
    {
      type: 'AdjustmentRequested',
      data: {
        accountId: c.accountId,
        adjustmentId: c.adjustmentId,
        kind: c.kind,
        invoiceId: c.kind === 'refund' ? null : c.invoiceId,
        amount: c.amount,
        reason: c.reason,
        requestedBy: c.requestedBy,
        requestedAt: c.at,
      },
    },
  ];
}

export function approveAdjustment(c: C.ApproveAdjustment, account: AccountState): Events {
  openAccount(account, c.accountId);
  const adjustment = account.adjustments[c.adjustmentId] ?? violate('adjustment-not-found');
  if (adjustment.status !== 'requested') violate('adjustment-not-pending');
  if (adjustment.requestedBy === c.approvedBy) violate('approver-is-requester');
  if (adjustment.kind !== 'refund' && adjustment.invoiceId) {
    const invoice = account.invoices[adjustment.invoiceId] ?? violate('invoice-not-found');
    if (adjustment.amount > outstanding(invoice)) {
      violate('adjustment-exceeds-outstanding', { outstanding: outstanding(invoice) });
    }
  }
  return [
    {
      type: 'AdjustmentApproved',
      data: {
        accountId: c.accountId,
        adjustmentId: c.adjustmentId,
        approvedBy: c.approvedBy,
        approvedAt: c.at,
        // Only a discount or write-off reduces an invoice (a refund is of the account's credit).
        invoiceId: adjustment.kind !== 'refund' ? adjustment.invoiceId : null,
      },
    },
  ];
}

export function payOutRefund(
  c: C.PayOutRefund,
  account: AccountState,
  shift: CashierShiftState,
): { account: Events; shift: Events } {
  openAccount(account, c.accountId);
  const refund = account.adjustments[c.adjustmentId] ?? violate('adjustment-not-found');
  if (refund.kind !== 'refund' || refund.status !== 'approved') violate('refund-not-approved');
  ownOpenShift(shift, c.cashierId);
  return {
    account: [
      {
        type: 'RefundPaidOut',
        data: {
          accountId: c.accountId,
          adjustmentId: c.adjustmentId,
          method: c.method,
          shiftId: c.shiftId,
          paidAt: c.at,
        },
      },
    ],
    shift: [
      {
        type: 'ShiftMoneyRecorded',
        data: {
          shiftId: c.shiftId,
          accountId: c.accountId,
          movementId: c.adjustmentId,
          direction: 'out',
          method: c.method,
          amount: refund.amount,
          recordedAt: c.at,
        },
      },
    ],
  };
}

export function recordCoverage(c: C.RecordCoverage, account: AccountState, payer: PayerState): Events {
  openAccount(account, c.accountId);
  if (!payer.registered) violate('payer-not-found', { payerId: c.payerId });
  return [{ type: 'CoverageRecorded', data: { accountId: c.accountId, payerId: c.payerId, recordedAt: c.at } }];
}

export function submitClaim(c: C.SubmitClaim, account: AccountState): Events {
  const open = openAccount(account, c.accountId);
  if (open.payerId === null) violate('no-coverage');
  const invoice = open.invoices[c.invoiceId] ?? violate('invoice-not-found', { invoiceId: c.invoiceId });
  const onInvoice = invoice.chargeIds.filter((id) => open.charges[id]?.invoiceId === c.invoiceId);
  const chargeIds = c.chargeIds ?? onInvoice.filter((id) => !invoice.claimedChargeIds.includes(id));
  if (chargeIds.length === 0) violate('charges-already-claimed');
  for (const id of chargeIds) {
    if (!onInvoice.includes(id)) violate('charges-not-on-invoice', { chargeId: id });
    if (invoice.claimedChargeIds.includes(id)) violate('charges-already-claimed', { chargeId: id });
  }
  return [
    {
      type: 'ClaimSubmitted',
      data: {
        accountId: c.accountId,
        claimId: c.claimId,
        payerId: open.payerId ?? '',
        invoiceId: c.invoiceId,
        chargeIds,
        claimedAmount: sum(chargeIds.map((id) => open.charges[id]?.totalAmount ?? 0)),
        submittedAt: c.at,
      },
    },
  ];
}

export function recordAdjudication(c: C.RecordAdjudication, account: AccountState): Events {
  const open = openAccount(account, c.accountId);
  const claim = open.claims[c.claimId] ?? violate('claim-not-found', { claimId: c.claimId });
  if (claim.status !== 'submitted') violate('claim-not-submitted');
  const decided = c.lines.map((l) => l.chargeId);
  if (decided.length !== claim.chargeIds.length || new Set(decided).size !== decided.length) {
    violate('adjudication-lines-mismatch');
  }
  const lines = c.lines.map((line) => {
    if (!claim.chargeIds.includes(line.chargeId)) violate('adjudication-lines-mismatch', { chargeId: line.chargeId });
    const claimed = open.charges[line.chargeId]?.totalAmount ?? 0;
    if (line.approvedAmount > claimed) violate('approved-exceeds-claimed', { chargeId: line.chargeId });
    if (line.approvedAmount < claimed && line.reason === null) {
      violate('reduction-reason-required', { chargeId: line.chargeId });
    }
    return line;
  });
  const approvedAmount = sum(lines.map((l) => l.approvedAmount));
  const outcome = approvedAmount === 0 ? 'denied' : approvedAmount === claim.claimed ? 'approved' : 'partly_approved';
  return [
    {
      type: 'ClaimAdjudicated',
      data: {
        accountId: c.accountId,
        claimId: c.claimId,
        outcome,
        lines,
        approvedAmount,
        adjudicatedAt: c.at,
        invoiceId: claim.invoiceId,
      },
    },
  ];
}

/**
 * The payer's money becomes a payment allocated to the claimed invoice (up to what it still has
 * outstanding; any excess stays as the account's credit). What the payer does not pay of the
 * claim stays outstanding on the invoice: the patient's responsibility.
 */
export function postRemittance(c: C.PostRemittance, account: AccountState): Events {
  const open = openAccount(account, c.accountId);
  const claim = open.claims[c.claimId] ?? violate('claim-not-found', { claimId: c.claimId });
  if (claim.status !== 'adjudicated') violate('claim-not-adjudicated');
  if (c.amount > claim.approved) violate('remittance-exceeds-approved', { approved: claim.approved });
  const invoice = open.invoices[claim.invoiceId];
  const allocate = Math.min(c.amount, invoice ? outstanding(invoice) : 0);
  const events: Events = [
    {
      type: 'PaymentReceived',
      data: {
        accountId: c.accountId,
        paymentId: c.paymentId,
        method: 'insurer',
        purpose: 'remittance',
        amount: c.amount,
        shiftId: null,
        claimId: c.claimId,
        receivedAt: c.at,
      },
    },
  ];
  if (allocate > 0) {
    events.push({
      type: 'PaymentAllocated',
      data: {
        accountId: c.accountId,
        paymentId: c.paymentId,
        invoiceId: claim.invoiceId,
        amount: allocate,
        allocatedAt: c.at,
      },
    });
  }
  events.push({
    type: 'RemittancePosted',
    data: {
      accountId: c.accountId,
      claimId: c.claimId,
      paymentId: c.paymentId,
      amount: c.amount,
      patientResponsibility: claim.claimed - c.amount,
      postedAt: c.at,
      invoiceId: claim.invoiceId,
    },
  });
  return events;
}

export type { WardSegment };
