import type { Aggregate } from '../shared/command-spec.js';
import type { WardSegment } from './bed-days.js';
import type { BillingEvent } from './events.js';
import { sum } from './money.js';

export type ChargeStatus = 'unbilled' | 'invoiced' | 'not_billable' | 'void';

export interface ChargeState {
  readonly status: ChargeStatus;
  readonly source: 'bed_day' | 'lab_order' | 'stock_issue' | 'manual';
  readonly sourceId: string;
  readonly netAmount: number;
  readonly taxAmount: number;
  readonly totalAmount: number;
  /** The invoice it is on while invoiced. */
  readonly invoiceId: string | null;
}

export interface InvoiceState {
  readonly number: number;
  readonly chargeIds: readonly string[];
  readonly totalAmount: number;
  /** Credited by credit notes. */
  readonly credited: number;
  /** Payments allocated to it. */
  readonly paid: number;
  /** Approved discounts and write-offs. */
  readonly writtenOff: number;
  /** Set once a credit note credits any of its lines. */
  readonly hasCreditNote: boolean;
  /** Lines already on a claim. */
  readonly claimedChargeIds: readonly string[];
}

export interface PaymentState {
  readonly amount: number;
  readonly allocated: number;
}

export interface AdjustmentState {
  readonly kind: 'refund' | 'discount' | 'write_off';
  readonly invoiceId: string | null;
  readonly amount: number;
  readonly requestedBy: string;
  readonly status: 'requested' | 'approved' | 'paid_out';
}

export interface ClaimState {
  readonly invoiceId: string;
  readonly payerId: string;
  readonly chargeIds: readonly string[];
  readonly claimed: number;
  readonly status: 'submitted' | 'adjudicated' | 'remitted';
  readonly approved: number;
}

export interface AccountState {
  readonly open: boolean;
  readonly patientId: string | null;
  readonly kind: 'inpatient' | 'outpatient' | null;
  readonly stayId: string | null;
  readonly currency: string | null;
  readonly wards: readonly WardSegment[];
  readonly dischargedAt: string | null;
  readonly charges: Readonly<Record<string, ChargeState>>;
  /** Source ids of captured charges (bed nights, clinical events), so a capture never repeats. */
  readonly sources: Readonly<Record<string, string>>;
  readonly invoices: Readonly<Record<string, InvoiceState>>;
  readonly payments: Readonly<Record<string, PaymentState>>;
  readonly adjustments: Readonly<Record<string, AdjustmentState>>;
  readonly payerId: string | null;
  readonly claims: Readonly<Record<string, ClaimState>>;
}

const initialState: AccountState = {
  open: false,
  patientId: null,
  kind: null,
  stayId: null,
  currency: null,
  wards: [],
  dischargedAt: null,
  charges: {},
  sources: {},
  invoices: {},
  payments: {},
  adjustments: {},
  payerId: null,
  claims: {},
};

const withCharges = (
  state: AccountState,
  ids: readonly string[],
  change: (charge: ChargeState) => ChargeState,
): AccountState => {
  const charges = { ...state.charges };
  for (const id of ids) {
    const charge = charges[id];
    if (charge) charges[id] = change(charge);
  }
  return { ...state, charges };
};

const withInvoice = (state: AccountState, id: string, change: (invoice: InvoiceState) => InvoiceState) => {
  const invoice = state.invoices[id];
  return invoice ? { ...state, invoices: { ...state.invoices, [id]: change(invoice) } } : state;
};

function evolve(state: AccountState, event: BillingEvent): AccountState {
  switch (event.type) {
    case 'AccountOpened': {
      const { patientId, kind, stayId, currency } = event.data;
      return { ...state, open: true, patientId, kind, stayId: stayId ?? null, currency };
    }
    case 'StayWardRecorded': {
      const { wardId, specialty, from } = event.data;
      return { ...state, wards: [...state.wards, { wardId, specialty, from }] };
    }
    case 'StayDischargeRecorded':
      return { ...state, dischargedAt: event.data.dischargedAt };
    case 'ChargeCaptured': {
      const d = event.data;
      const charge: ChargeState = {
        status: 'unbilled',
        source: d.source,
        sourceId: d.sourceId,
        netAmount: d.netAmount,
        taxAmount: d.taxAmount,
        totalAmount: d.totalAmount,
        invoiceId: null,
      };
      return {
        ...state,
        charges: { ...state.charges, [d.chargeId]: charge },
        sources: { ...state.sources, [d.sourceId]: d.chargeId },
      };
    }
    case 'ChargeMarkedNotBillable':
      return withCharges(state, [event.data.chargeId], (c) => ({ ...c, status: 'not_billable' }));
    case 'ChargeVoided':
      return withCharges(state, [event.data.chargeId], (c) => ({ ...c, status: 'void' }));
    case 'InvoiceIssued': {
      const { invoiceId, invoiceNumber, chargeIds, totalAmount } = event.data;
      const invoice: InvoiceState = {
        number: invoiceNumber,
        chargeIds,
        totalAmount,
        credited: 0,
        paid: 0,
        writtenOff: 0,
        hasCreditNote: false,
        claimedChargeIds: [],
      };
      const next = withCharges(state, chargeIds, (c) => ({ ...c, status: 'invoiced', invoiceId }));
      return { ...next, invoices: { ...next.invoices, [invoiceId]: invoice } };
    }
    case 'CreditNoteIssued': {
      const { invoiceId, chargeIds, totalAmount } = event.data;
      const next = withCharges(state, chargeIds, (c) => ({ ...c, status: 'unbilled', invoiceId: null }));
      return withInvoice(next, invoiceId, (i) => ({ ...i, credited: i.credited + totalAmount, hasCreditNote: true }));
    }
    case 'PaymentReceived': {
      const { paymentId, amount } = event.data;
      return { ...state, payments: { ...state.payments, [paymentId]: { amount, allocated: 0 } } };
    }
    case 'PaymentAllocated': {
      const { paymentId, invoiceId, amount } = event.data;
      const payment = state.payments[paymentId];
      const next = payment
        ? {
            ...state,
            payments: { ...state.payments, [paymentId]: { ...payment, allocated: payment.allocated + amount } },
          }
        : state;
      return withInvoice(next, invoiceId, (i) => ({ ...i, paid: i.paid + amount }));
    }
    case 'AdjustmentRequested': {
      const { adjustmentId, kind, invoiceId, amount, requestedBy } = event.data;
      const adjustment: AdjustmentState = {
        kind,
        invoiceId: invoiceId ?? null,
        amount,
        requestedBy,
        status: 'requested',
      };
      return { ...state, adjustments: { ...state.adjustments, [adjustmentId]: adjustment } };
    }
    case 'AdjustmentApproved': {
      const adjustment = state.adjustments[event.data.adjustmentId];
      if (!adjustment) return state;
      const next = {
        ...state,
        adjustments: {
          ...state.adjustments,
          [event.data.adjustmentId]: { ...adjustment, status: 'approved' as const },
        },
      };
      return adjustment.kind !== 'refund' && adjustment.invoiceId
        ? withInvoice(next, adjustment.invoiceId, (i) => ({ ...i, writtenOff: i.writtenOff + adjustment.amount }))
        : next;
    }
    case 'RefundPaidOut': {
      const adjustment = state.adjustments[event.data.adjustmentId];
      if (!adjustment) return state;
      return {
        ...state,
        adjustments: { ...state.adjustments, [event.data.adjustmentId]: { ...adjustment, status: 'paid_out' } },
      };
    }
    case 'CoverageRecorded':
      return { ...state, payerId: event.data.payerId };
    case 'ClaimSubmitted': {
      const { claimId, invoiceId, payerId, chargeIds, claimedAmount } = event.data;
      const claim: ClaimState = {
        invoiceId,
        payerId,
        chargeIds,
        claimed: claimedAmount,
        status: 'submitted',
        approved: 0,
      };
      const next = withInvoice(state, invoiceId, (i) => ({
        ...i,
        claimedChargeIds: [...i.claimedChargeIds, ...chargeIds],
      }));
      return { ...next, claims: { ...next.claims, [claimId]: claim } };
    }
    case 'ClaimAdjudicated': {
      const claim = state.claims[event.data.claimId];
      if (!claim) return state;
      const adjudicated: ClaimState = { ...claim, status: 'adjudicated', approved: event.data.approvedAmount };
      return { ...state, claims: { ...state.claims, [event.data.claimId]: adjudicated } };
    }
    case 'RemittancePosted': {
      const claim = state.claims[event.data.claimId];
      if (!claim) return state;
      return { ...state, claims: { ...state.claims, [event.data.claimId]: { ...claim, status: 'remitted' } } };
    }
    default:
      return state;
  }
}

/** `account-<hospitalId>.<accountId>`; a stay's account has the stay's id, so the stay finds it. */
export const accountAggregate: Aggregate<AccountState, BillingEvent> = { name: 'account', initialState, evolve };

/** What the invoice still has to be paid: total − credited − paid − discounts and write-offs. */
export const outstanding = (invoice: InvoiceState): number =>
  invoice.totalAmount - invoice.credited - invoice.paid - invoice.writtenOff;

/** Money received and not allocated to an invoice, less refunds requested, approved or paid out of it. */
export function unallocatedCredit(state: AccountState): number {
  const received = sum(Object.values(state.payments).map((p) => p.amount - p.allocated));
  const refunds = sum(
    Object.values(state.adjustments)
      .filter((a) => a.kind === 'refund')
      .map((a) => a.amount),
  );
  return received - refunds;
}

export const unbilledChargeIds = (state: AccountState): string[] =>
  Object.entries(state.charges)
    .filter(([, c]) => c.status === 'unbilled')
    .map(([id]) => id);
