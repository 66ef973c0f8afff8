import type { Document } from '@chartline/infra';
import type { AccountTotals, InvoiceStatusCode } from '@chartline/kernel';
import { defineProjection, type HandlerOf, ignore } from '../runtime/define-projection.js';
import type { EventNameOf } from '../runtime/event-data.js';
import type { ProjectionContext } from '../runtime/projection.js';
import {
  BILLING_ACCOUNTS,
  BILLING_CHARGES,
  BILLING_CLAIMS,
  BILLING_INVOICES,
  BILLING_PAYMENTS,
  BILLING_SHIFTS,
  type BillingView,
  billingViews,
} from './views.js';

type Billing = 'billing';
type Handler<N extends EventNameOf<Billing>> = HandlerOf<Billing, N, BillingView>;
type Ctx = ProjectionContext<BillingView>;

const ZERO_TOTALS: AccountTotals = {
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

const num = (doc: Document | null, field: string): number => Number(doc?.[field] ?? 0);

/**
 * Moves the account's totals by `delta`. The account document is read and written whole (`$set`),
 * under the position guard, so an event moves the totals once however often it is delivered.
 */
async function moveTotals(ctx: Ctx, accountId: string, delta: Partial<AccountTotals>, set: Document = {}) {
  const account = await ctx.read(BILLING_ACCOUNTS, accountId);
  const totals = { ...ZERO_TOTALS, ...((account?.['totals'] as AccountTotals | undefined) ?? {}) };
  for (const [key, value] of Object.entries(delta) as [keyof AccountTotals, number][]) totals[key] += value;
  await ctx.write(BILLING_ACCOUNTS, accountId, { $set: { ...set, totals } });
}

function invoiceStatus(total: number, credited: number, paid: number, writtenOff: number): InvoiceStatusCode {
  const outstanding = total - credited - paid - writtenOff;
  if (total > 0 && credited >= total) return 'credited';
  if (outstanding > 0) return paid > 0 ? 'partially_paid' : 'open';
  return writtenOff > 0 && paid === 0 ? 'written_off' : 'paid';
}

/** Moves an invoice's credited/paid/written-off amounts and recomputes its outstanding amount and status. */
async function moveInvoice(
  ctx: Ctx,
  invoiceId: string,
  delta: { credited?: number; paid?: number; writtenOff?: number },
  payerExpected?: (outstanding: number, invoice: Document) => number,
  set: Document = {},
) {
  const invoice = await ctx.read(BILLING_INVOICES, invoiceId);
  if (!invoice) return;
  const total = num(invoice, 'totalAmount');
  const credited = num(invoice, 'credited') + (delta.credited ?? 0);
  const paid = num(invoice, 'paid') + (delta.paid ?? 0);
  const writtenOff = num(invoice, 'writtenOff') + (delta.writtenOff ?? 0);
  const outstanding = total - credited - paid - writtenOff;
  const expected = payerExpected ? payerExpected(outstanding, invoice) : num(invoice, 'payerExpected');
  await ctx.write(
    BILLING_INVOICES,
    invoiceId,
    {
      $set: {
        credited,
        paid,
        writtenOff,
        outstanding,
        payerExpected: Math.max(0, Math.min(expected, outstanding)),
        status: invoiceStatus(total, credited, paid, writtenOff),
        ...set,
      },
    },
    { upsert: false },
  );
}

/** Sets charges' status (and invoice) after an invoice or a credit note. */
async function setCharges(ctx: Ctx, chargeIds: readonly string[], set: Document) {
  for (const chargeId of chargeIds) await ctx.write(BILLING_CHARGES, chargeId, { $set: set }, { upsert: false });
}

/**
 * A charge leaves "unbilled" for "void" or "not billable": its amount (which the account document
 * recorded when the charge was captured) moves to the account's voided total.
 */
const setAside =
  <N extends 'ChargeVoided' | 'ChargeMarkedNotBillable'>(status: 'void' | 'not_billable'): Handler<N> =>
  async (event, ctx) => {
    const d = event.data as { accountId: string; chargeId: string; reason: string };
    await ctx.write(BILLING_CHARGES, d.chargeId, { $set: { status, reason: d.reason } }, { upsert: false });
    const account = await ctx.read(BILLING_ACCOUNTS, d.accountId);
    const amount = Number((account?.['chargeTotals'] as Record<string, number> | undefined)?.[d.chargeId] ?? 0);
    await moveTotals(ctx, d.accountId, { unbilled: -amount, voided: amount });
  };

/** What an invoice document records of its own claims and adjustments (so later events need no other document). */
type InvoiceClaim = { claimed: number; approved: number | null };
const invoiceClaim = (invoice: Document | null, claimId: string): InvoiceClaim | undefined =>
  (invoice?.['claims'] as Record<string, InvoiceClaim> | undefined)?.[claimId];
const invoiceAdjustment = (invoice: Document | null, id: string): number | undefined =>
  (invoice?.['adjustments'] as Record<string, number> | undefined)?.[id];

type Adjustment = { kind: string; amount: number; invoiceId: string | null; status: string; requestedBy: string };
const adjustmentOf = (account: Document | null, id: string): Adjustment | undefined =>
  (account?.['adjustments'] as Record<string, Adjustment> | undefined)?.[id];

const shiftMoney = (shift: Document | null, field: 'takenIn' | 'paidOut') => ({
  cash: 0,
  card: 0,
  transfer: 0,
  ...((shift?.[field] as Record<string, number> | undefined) ?? {}),
});

/** The billing module's projection: every event has a handler or an `ignore(reason)`. */
export const billingProjection = defineProjection({
  module: 'billing',
  views: billingViews,
  handlers: {
    ServicePriceSet: ignore('prices are read by the deciders from the price-list stream; no screen lists them yet'),
    PayerRegistered: ignore('claims and AR aging name payers by id; no payer directory screen yet'),
    InvoiceNumberAllocated: ignore(
      'the invoice or credit note document carries its number (InvoiceIssued, CreditNoteIssued)',
    ),

    AccountOpened: async ({ data: d }, ctx) => {
      await ctx.write(BILLING_ACCOUNTS, d.accountId, {
        $set: {
          accountId: d.accountId,
          patientId: d.patientId,
          kind: d.kind,
          stayId: d.stayId ?? null,
          currency: d.currency,
          payerId: null,
          openedAt: d.openedAt,
          dischargedAt: null,
          totals: ZERO_TOTALS,
          adjustments: {},
        },
      });
    },
    StayDischargeRecorded: async ({ data: d }, ctx) => {
      await ctx.write(BILLING_ACCOUNTS, d.accountId, { $set: { dischargedAt: d.dischargedAt } });
    },
    // Bed-days are priced by the decider and the statement shows the charges they produce; but the
    // event moves the account stream on, so the account document takes its revision (nothing else):
    // else the statement's revision would lag the stream and every If-Match on the account be refused.
    StayWardRecorded: async ({ data: d }, ctx) => {
      await ctx.write(BILLING_ACCOUNTS, d.accountId, { $set: {} }, { upsert: false });
    },
    CoverageRecorded: async ({ data: d }, ctx) => {
      await ctx.write(BILLING_ACCOUNTS, d.accountId, { $set: { payerId: d.payerId } });
    },

    ChargeCaptured: async ({ data: d }, ctx) => {
      await ctx.write(BILLING_CHARGES, d.chargeId, {
        $set: {
          chargeId: d.chargeId,
          accountId: d.accountId,
          source: d.source,
          sourceId: d.sourceId,
          serviceCode: d.serviceCode,
          description: d.description,
          quantity: d.quantity,
          unitPrice: d.unitPrice,
          netAmount: d.netAmount,
          taxBasisPoints: d.taxBasisPoints,
          taxAmount: d.taxAmount,
          totalAmount: d.totalAmount,
          currency: d.currency,
          serviceDate: d.serviceDate,
          capturedAt: d.capturedAt,
          status: 'unbilled',
          invoiceId: null,
          reason: null,
        },
      });
      // The account keeps each charge's amount, so setting a charge aside moves its own totals.
      await moveTotals(
        ctx,
        d.accountId,
        { charged: d.totalAmount, unbilled: d.totalAmount },
        { [`chargeTotals.${d.chargeId}`]: d.totalAmount },
      );
    },
    ChargeVoided: setAside('void'),
    ChargeMarkedNotBillable: setAside('not_billable'),

    InvoiceIssued: async ({ data: d }, ctx) => {
      await ctx.write(BILLING_INVOICES, d.invoiceId, {
        $set: {
          documentId: d.invoiceId,
          kind: 'invoice',
          number: d.invoiceNumber,
          accountId: d.accountId,
          relatedInvoiceId: d.correctsInvoiceId ?? null,
          chargeIds: d.chargeIds,
          totalAmount: d.totalAmount,
          currency: d.currency,
          issuedAt: d.issuedAt,
          credited: 0,
          paid: 0,
          writtenOff: 0,
          outstanding: d.totalAmount,
          payerExpected: 0,
          payerId: null,
          status: invoiceStatus(d.totalAmount, 0, 0, 0),
        },
      });
      await setCharges(ctx, d.chargeIds, { status: 'invoiced', invoiceId: d.invoiceId });
      await moveTotals(ctx, d.accountId, {
        unbilled: -d.totalAmount,
        invoiced: d.totalAmount,
        outstanding: d.totalAmount,
      });
    },
    CreditNoteIssued: async ({ data: d }, ctx) => {
      await ctx.write(BILLING_INVOICES, d.creditNoteId, {
        $set: {
          documentId: d.creditNoteId,
          kind: 'credit_note',
          number: d.creditNoteNumber,
          accountId: d.accountId,
          relatedInvoiceId: d.invoiceId,
          chargeIds: d.chargeIds,
          totalAmount: d.totalAmount,
          // v2 carries it (a v1 event reads '': development stores before v2 only).
          currency: d.currency,
          issuedAt: d.issuedAt,
          credited: 0,
          paid: 0,
          writtenOff: 0,
          outstanding: 0,
          payerExpected: 0,
          payerId: null,
          status: 'paid',
        },
      });
      await moveInvoice(ctx, d.invoiceId, { credited: d.totalAmount });
      await setCharges(ctx, d.chargeIds, { status: 'unbilled', invoiceId: null });
      await moveTotals(ctx, d.accountId, {
        unbilled: d.totalAmount,
        invoiced: -d.totalAmount,
        outstanding: -d.totalAmount,
      });
    },

    PaymentReceived: async ({ data: d }, ctx) => {
      await ctx.write(BILLING_PAYMENTS, d.paymentId, {
        $set: {
          paymentId: d.paymentId,
          accountId: d.accountId,
          method: d.method,
          purpose: d.purpose,
          amount: d.amount,
          allocated: 0,
          shiftId: d.shiftId ?? null,
          claimId: d.claimId ?? null,
          receivedAt: d.receivedAt,
        },
      });
      await moveTotals(ctx, d.accountId, { received: d.amount });
    },
    PaymentAllocated: async ({ data: d }, ctx) => {
      const payment = await ctx.read(BILLING_PAYMENTS, d.paymentId);
      await ctx.write(
        BILLING_PAYMENTS,
        d.paymentId,
        { $set: { allocated: num(payment, 'allocated') + d.amount } },
        { upsert: false },
      );
      await moveInvoice(ctx, d.invoiceId, { paid: d.amount });
      await moveTotals(ctx, d.accountId, { paid: d.amount, outstanding: -d.amount });
    },

    AdjustmentRequested: async ({ data: d }, ctx) => {
      const adjustment: Adjustment = {
        kind: d.kind,
        amount: d.amount,
        invoiceId: d.invoiceId ?? null,
        status: 'requested',
        requestedBy: d.requestedBy,
      };
      await ctx.write(BILLING_ACCOUNTS, d.accountId, { $set: { [`adjustments.${d.adjustmentId}`]: adjustment } });
      // A discount or write-off is recorded on its invoice too: its approval then moves the invoice alone.
      if (d.kind !== 'refund' && d.invoiceId) {
        await ctx.write(
          BILLING_INVOICES,
          d.invoiceId,
          { $set: { [`adjustments.${d.adjustmentId}`]: d.amount } },
          { upsert: false },
        );
      }
    },
    AdjustmentApproved: async ({ data: d }, ctx) => {
      // The account from its own record of the request; the invoice from its own (v2 names it).
      const adjustment = adjustmentOf(await ctx.read(BILLING_ACCOUNTS, d.accountId), d.adjustmentId);
      if (!adjustment) return;
      const set = { [`adjustments.${d.adjustmentId}.status`]: 'approved' };
      if (adjustment.kind === 'refund' || !adjustment.invoiceId) {
        await ctx.write(BILLING_ACCOUNTS, d.accountId, { $set: set });
        return;
      }
      await moveTotals(ctx, d.accountId, { writtenOff: adjustment.amount, outstanding: -adjustment.amount }, set);
      // v2 names the invoice (a v1 event does not: development stores before v2 only).
      if (d.invoiceId) {
        const invoice = await ctx.read(BILLING_INVOICES, d.invoiceId);
        await moveInvoice(ctx, d.invoiceId, { writtenOff: invoiceAdjustment(invoice, d.adjustmentId) ?? 0 });
      }
    },
    RefundPaidOut: async ({ data: d }, ctx) => {
      const adjustment = adjustmentOf(await ctx.read(BILLING_ACCOUNTS, d.accountId), d.adjustmentId);
      await moveTotals(
        ctx,
        d.accountId,
        { refunded: adjustment?.amount ?? 0 },
        {
          [`adjustments.${d.adjustmentId}.status`]: 'paid_out',
        },
      );
    },

    ClaimSubmitted: async ({ data: d }, ctx) => {
      await ctx.write(BILLING_CLAIMS, d.claimId, {
        $set: {
          claimId: d.claimId,
          accountId: d.accountId,
          payerId: d.payerId,
          invoiceId: d.invoiceId,
          chargeIds: d.chargeIds,
          claimedAmount: d.claimedAmount,
          approvedAmount: null,
          paidAmount: null,
          patientResponsibility: null,
          lines: [],
          status: 'submitted',
          submittedAt: d.submittedAt,
          adjudicatedAt: null,
          remittedAt: null,
        },
      });
      // One write per document per event: the position guard refuses a second one.
      await moveInvoice(ctx, d.invoiceId, {}, (_, invoice) => num(invoice, 'payerExpected') + d.claimedAmount, {
        payerId: d.payerId,
        [`claims.${d.claimId}`]: { claimed: d.claimedAmount, approved: null } satisfies InvoiceClaim,
      });
    },
    ClaimAdjudicated: async ({ data: d }, ctx) => {
      await ctx.write(
        BILLING_CLAIMS,
        d.claimId,
        {
          $set: {
            approvedAmount: d.approvedAmount,
            lines: d.lines.map((l) => ({ ...l, reason: l.reason ?? null })),
            status: d.outcome,
            adjudicatedAt: d.adjudicatedAt,
          },
        },
        { upsert: false },
      );
      // The payer now expects to pay what it approved: the invoice's own record of the claim says what was claimed.
      await moveInvoice(
        ctx,
        d.invoiceId,
        {},
        (_, invoice) =>
          num(invoice, 'payerExpected') - ((invoiceClaim(invoice, d.claimId)?.claimed ?? 0) - d.approvedAmount),
        { [`claims.${d.claimId}.approved`]: d.approvedAmount },
      );
    },
    RemittancePosted: async ({ data: d }, ctx) => {
      await ctx.write(
        BILLING_CLAIMS,
        d.claimId,
        {
          $set: {
            paidAmount: d.amount,
            patientResponsibility: d.patientResponsibility,
            status: 'remitted',
            remittedAt: d.postedAt,
          },
        },
        { upsert: false },
      );
      // The payer's payment itself was allocated by PaymentAllocated; nothing more is expected of it.
      await moveInvoice(
        ctx,
        d.invoiceId,
        {},
        (_, invoice) => num(invoice, 'payerExpected') - (invoiceClaim(invoice, d.claimId)?.approved ?? 0),
      );
    },

    CashierShiftOpened: async ({ data: d }, ctx) => {
      await ctx.write(BILLING_SHIFTS, d.shiftId, {
        $set: {
          shiftId: d.shiftId,
          cashierId: d.cashierId,
          currency: d.currency,
          status: 'open',
          openedAt: d.openedAt,
          closedAt: null,
          openingFloat: d.openingFloat,
          takenIn: { cash: 0, card: 0, transfer: 0 },
          paidOut: { cash: 0, card: 0, transfer: 0 },
          expectedCash: d.openingFloat,
          countedCash: null,
          variance: null,
        },
      });
    },
    ShiftMoneyRecorded: async ({ data: d }, ctx) => {
      const shift = await ctx.read(BILLING_SHIFTS, d.shiftId);
      const field = d.direction === 'in' ? 'takenIn' : 'paidOut';
      const money = shiftMoney(shift, field);
      money[d.method] += d.amount;
      const cash = d.method === 'cash' ? (d.direction === 'in' ? d.amount : -d.amount) : 0;
      await ctx.write(
        BILLING_SHIFTS,
        d.shiftId,
        { $set: { [field]: money, expectedCash: num(shift, 'expectedCash') + cash } },
        { upsert: false },
      );
    },
    CashierShiftClosed: async ({ data: d }, ctx) => {
      await ctx.write(
        BILLING_SHIFTS,
        d.shiftId,
        {
          $set: {
            status: 'closed',
            closedAt: d.closedAt,
            expectedCash: d.expectedCash,
            countedCash: d.countedCash,
            variance: d.variance,
          },
        },
        { upsert: false },
      );
    },
  },
});
