import { type Document, notFound } from '@chartline/infra';
import {
  type BillingAccountDocument,
  type BillingChargeDocument,
  type BillingClaimDocument,
  type BillingInvoiceDocument,
  type BillingPaymentDocument,
  type BillingShiftDocument,
  CHARGE_STATUSES,
  CLAIM_STATUSES,
  type ContractHolds,
  INVOICE_STATUSES,
  type PublicDocument,
  type Role,
  type SameFields,
} from '@chartline/kernel';
import { z } from 'zod';
import { consistencyQuery, entityId, hospitalId, isoInstant, pageQuery } from '../server/inputs.js';
import { page } from '../server/page.js';
import { findPage } from '../server/pagination.js';
import { publicFields } from '../server/public-fields.js';
import { defineRoute, type ReadRoute } from '../server/route.js';
import {
  BILLING_ACCOUNTS,
  BILLING_CHARGES,
  BILLING_CLAIMS,
  BILLING_INVOICES,
  BILLING_PAYMENTS,
  BILLING_SHIFTS,
  cashReport,
  receivablesAging,
  statement,
} from './queries.js';

/**
 * The projection's own bookkeeping, kept on a document so each handler decides from that document
 * alone (an account's charge amounts, an invoice's claims and pending adjustments): not API fields.
 */
const accountFields = (doc: Document): Document => {
  const { chargeTotals: _, ...fields } = publicFields(doc);
  return fields;
};
const invoiceFields = (doc: Document): Document => {
  const { claims: _c, adjustments: _a, ...fields } = publicFields(doc);
  return fields;
};

/** Billing staff, auditors (who read the history) and the hospital's admins. */
const READERS: readonly Role[] = ['billing_clerk', 'cashier', 'billing_supervisor', 'auditor', 'admin'];
const minor = (what: string) => z.number().int().describe(`${what}, integer minor units.`);
const nullableText = z.string().nullable();
const documentKind = z
  .enum(['invoice', 'credit_note'])
  .describe(
    '`invoice`: asks for money (an adjusting invoice names the one it corrects); `credit_note`: credits lines of an invoice.',
  );
const invoiceStatus = z
  .enum(INVOICE_STATUSES)
  .describe(
    'Invoice status: `open` nothing paid yet; `partially_paid` some paid, some outstanding; `paid` nothing outstanding; `credited` fully credited by credit notes; `written_off` settled by discounts or write-offs.',
  );
const claimStatus = z
  .enum(CLAIM_STATUSES)
  .describe(
    'Claim status: `submitted` awaiting the payer; `approved` every line approved in full; `partly_approved` some lines reduced (reasons per line); `denied` nothing approved; `remitted` the payer’s payment was posted.',
  );

const totalsShape = z.object({
  charged: minor('Every charge captured'),
  unbilled: minor('Charges not invoiced yet'),
  invoiced: minor('Invoiced, net of credit notes'),
  voided: minor('Charges voided or marked not billable'),
  paid: minor('Payments allocated to invoices'),
  writtenOff: minor('Approved discounts and write-offs'),
  outstanding: minor('invoiced − paid − writtenOff'),
  received: minor('Every payment, deposit and remittance received'),
  refunded: minor('Refunds paid out'),
});

export const accountShape = z.object({
  hospitalId: z.string(),
  accountId: z.string(),
  patientId: z.string(),
  kind: z.enum(['inpatient', 'outpatient']).describe('`inpatient`: a stay’s account (id = stay id); `outpatient`.'),
  stayId: nullableText,
  currency: z.string().describe('ISO 4217.'),
  payerId: nullableText.describe('The payer covering the patient for this account, if any.'),
  openedAt: z.string(),
  dischargedAt: nullableText,
  totals: totalsShape,
  adjustments: z
    .record(
      z.string(),
      z.object({
        kind: z.string(),
        amount: z.number().int(),
        invoiceId: nullableText,
        status: z.string(),
        requestedBy: z.string(),
      }),
    )
    .describe('Refunds, discounts and write-offs by id (status requested, approved, paid_out).'),
  revision: z.number().int().describe('The account stream’s revision: `If-Match: "<revision>"` on account commands.'),
});

export const chargeShape = z.object({
  hospitalId: z.string(),
  chargeId: z.string(),
  accountId: z.string(),
  source: z.string().describe('`bed_day`, `lab_order`, `stock_issue` or `manual`.'),
  sourceId: z.string(),
  serviceCode: z.string(),
  description: z.string(),
  quantity: z.number().int(),
  unitPrice: minor('Price of one unit'),
  netAmount: minor('quantity × unitPrice'),
  taxBasisPoints: z.number().int(),
  taxAmount: minor('Tax, rounded half away from zero per line'),
  totalAmount: minor('net + tax'),
  currency: z.string(),
  serviceDate: z.string().describe('Hospital-local date of the service.'),
  capturedAt: z.string(),
  status: z.enum(CHARGE_STATUSES).describe('`unbilled`, `invoiced`, `not_billable` or `void`.'),
  invoiceId: nullableText,
  reason: nullableText,
});

export const invoiceShape = z.object({
  hospitalId: z.string(),
  documentId: z.string(),
  kind: documentKind,
  number: z.number().int().describe('In the hospital’s gap-free sequence shared by invoices and credit notes.'),
  accountId: z.string(),
  relatedInvoiceId: nullableText.describe('Credit note: the invoice credited. Adjusting invoice: the one corrected.'),
  chargeIds: z.array(z.string()),
  totalAmount: minor('Total'),
  currency: z.string(),
  issuedAt: z.string(),
  credited: minor('Credited by credit notes'),
  paid: minor('Payments allocated'),
  writtenOff: minor('Discounts and write-offs'),
  outstanding: minor('Still to pay'),
  payerExpected: minor('Of outstanding, expected from the payer on an open claim'),
  payerId: nullableText,
  status: invoiceStatus,
});

export const paymentShape = z.object({
  hospitalId: z.string(),
  paymentId: z.string(),
  accountId: z.string(),
  method: z.string().describe('`cash`, `card`, `transfer` or `insurer`.'),
  purpose: z.string().describe('`payment`, `deposit` or `remittance`.'),
  amount: minor('Received'),
  allocated: minor('Allocated to invoices'),
  shiftId: nullableText,
  claimId: nullableText,
  receivedAt: z.string(),
});

const byMethod = z.object({ cash: z.number().int(), card: z.number().int(), transfer: z.number().int() });
export const shiftShape = z.object({
  hospitalId: z.string(),
  shiftId: z.string(),
  cashierId: z.string(),
  currency: z.string(),
  status: z.enum(['open', 'closed']).describe('`open`: taking money; `closed`: counted and closed.'),
  openedAt: z.string(),
  closedAt: nullableText,
  openingFloat: minor('Cash at the opening'),
  takenIn: byMethod.describe('Payments taken, per method.'),
  paidOut: byMethod.describe('Refunds paid out, per method.'),
  expectedCash: minor('Opening float + cash in − cash out'),
  countedCash: z.number().int().nullable(),
  variance: z.number().int().nullable().describe('Counted − expected at the close (negative: cash missing).'),
});

export const claimShape = z.object({
  hospitalId: z.string(),
  claimId: z.string(),
  accountId: z.string(),
  payerId: z.string(),
  invoiceId: z.string(),
  chargeIds: z.array(z.string()),
  claimedAmount: minor('Claimed'),
  approvedAmount: z.number().int().nullable(),
  paidAmount: z.number().int().nullable(),
  patientResponsibility: z.number().int().nullable().describe('Claimed − paid by the payer, once remitted.'),
  lines: z.array(z.object({ chargeId: z.string(), approvedAmount: z.number().int(), reason: nullableText })),
  status: claimStatus,
  submittedAt: z.string(),
  adjudicatedAt: nullableText,
  remittedAt: nullableText,
});

// The answers carry exactly the fields the projection writes (the kernel's read-model contract).
export type AccountContract = ContractHolds<
  SameFields<PublicDocument<BillingAccountDocument>, z.infer<typeof accountShape>>
>;
export type ChargeContract = ContractHolds<
  SameFields<PublicDocument<BillingChargeDocument>, z.infer<typeof chargeShape>>
>;
export type InvoiceContract = ContractHolds<
  SameFields<PublicDocument<BillingInvoiceDocument>, z.infer<typeof invoiceShape>>
>;
export type PaymentContract = ContractHolds<
  SameFields<PublicDocument<BillingPaymentDocument>, z.infer<typeof paymentShape>>
>;
export type ShiftContract = ContractHolds<SameFields<PublicDocument<BillingShiftDocument>, z.infer<typeof shiftShape>>>;
export type ClaimContract = ContractHolds<SameFields<PublicDocument<BillingClaimDocument>, z.infer<typeof claimShape>>>;

const buckets = z.object({
  days_0_30: minor('Issued 0–30 days before asOf'),
  days_31_60: minor('31–60 days'),
  days_61_90: minor('61–90 days'),
  over_90: minor('Over 90 days'),
  total: minor('All ages'),
});

type Page<S extends z.ZodType> = z.infer<ReturnType<typeof page<S>>>;

export const billingRoutes: readonly ReadRoute[] = [
  defineRoute({
    id: 'getAccountStatement',
    method: 'get',
    path: '/hospitals/:hospitalId/billing/accounts/:accountId/statement',
    summary: 'A patient account statement: the account’s totals, charges, invoices and credit notes, payments.',
    tag: 'billing',
    roles: READERS,
    params: z.strictObject({ hospitalId, accountId: entityId('Account id (a stay’s account has the stay id).') }),
    input: z.strictObject({ ...consistencyQuery }),
    response: z.object({
      account: accountShape,
      charges: z.array(chargeShape),
      invoices: z.array(invoiceShape),
      payments: z.array(paymentShape),
    }),
    views: [BILLING_ACCOUNTS, BILLING_CHARGES, BILLING_INVOICES, BILLING_PAYMENTS],
    modules: ['billing'],
    problems: [404],
    run: async ({ params }, deps) => {
      const found = await statement(deps.readStore, params.hospitalId, params.accountId);
      if (!found) throw notFound('No such account in this hospital.');
      return {
        body: {
          account: accountFields(found.account),
          charges: found.charges.map(publicFields),
          invoices: found.invoices.map(invoiceFields),
          payments: found.payments.map(publicFields),
        } as never,
        // A patient's charges name what they were given (lab tests, items): reading them is an access.
        accessed: [{ patientId: String(found.account['patientId']), view: 'billing_statement' as const }],
      };
    },
  }),
  defineRoute({
    id: 'listUnbilledCharges',
    method: 'get',
    path: '/hospitals/:hospitalId/billing/stays/:stayId/unbilled-charges',
    summary: 'The unbilled charges of a stay, oldest first.',
    tag: 'billing',
    roles: READERS,
    params: z.strictObject({ hospitalId, stayId: entityId('Stay id.') }),
    input: z.strictObject({ ...pageQuery, ...consistencyQuery }),
    response: page(chargeShape),
    views: [BILLING_CHARGES, BILLING_ACCOUNTS],
    modules: ['billing'],
    run: async ({ params, query }, deps) => {
      const result = await findPage(deps.readStore.collection(BILLING_CHARGES), {
        filter: { hospitalId: params.hospitalId, accountId: params.stayId, status: 'unbilled' },
        sortField: 'capturedAt',
        order: 'asc',
        limit: query.limit,
        cursor: query.cursor,
      });
      const account =
        result.items.length > 0
          ? await deps.readStore
              .collection(BILLING_ACCOUNTS)
              .findOne({ hospitalId: params.hospitalId, accountId: params.stayId })
          : null;
      return {
        body: { items: result.items.map(publicFields), nextCursor: result.nextCursor } as Page<typeof chargeShape>,
        accessed: account ? [{ patientId: String(account['patientId']), view: 'billing_statement' as const }] : [],
      };
    },
  }),
  defineRoute({
    id: 'listInvoices',
    method: 'get',
    path: '/hospitals/:hospitalId/billing/invoices',
    summary: 'Invoices and credit notes with their status, newest first; by status, kind or account.',
    tag: 'billing',
    roles: READERS,
    params: z.strictObject({ hospitalId }),
    input: z.strictObject({
      status: invoiceStatus.optional(),
      kind: documentKind.optional(),
      accountId: entityId('Only this account’s.').optional(),
      ...pageQuery,
      ...consistencyQuery,
    }),
    response: page(invoiceShape),
    views: [BILLING_INVOICES],
    modules: ['billing'],
    run: async ({ params, query }, deps) => {
      const filter: Record<string, unknown> = { hospitalId: params.hospitalId };
      if (query.status) filter['status'] = query.status;
      if (query.kind) filter['kind'] = query.kind;
      if (query.accountId) filter['accountId'] = query.accountId;
      const result = await findPage(deps.readStore.collection(BILLING_INVOICES), {
        filter,
        sortField: 'issuedAt',
        order: 'desc',
        limit: query.limit,
        cursor: query.cursor,
      });
      return {
        body: { items: result.items.map(invoiceFields), nextCursor: result.nextCursor } as Page<typeof invoiceShape>,
      };
    },
  }),
  defineRoute({
    id: 'getReceivablesAging',
    method: 'get',
    path: '/hospitals/:hospitalId/billing/ar-aging',
    summary: 'Accounts receivable aging (0–30, 31–60, 61–90, over 90 days) for the hospital and per payer.',
    description:
      'What a payer is expected to pay on an open claim counts for that payer; the rest of the outstanding amount counts for the patients (`payerId: null`).',
    tag: 'billing',
    roles: READERS,
    params: z.strictObject({ hospitalId }),
    input: z.strictObject({
      asOf: isoInstant('Age invoices at this instant (default now)').optional(),
      ...consistencyQuery,
    }),
    response: z.object({
      asOf: z.string(),
      hospital: buckets,
      payers: z.array(buckets.extend({ payerId: nullableText.describe('null: the patients’ own share.') })),
    }),
    views: [BILLING_INVOICES],
    modules: ['billing'],
    run: async ({ params, query }, deps) => {
      const asOf = new Date(query.asOf ?? deps.clock().toISOString()).toISOString();
      return { body: await receivablesAging(deps.readStore, params.hospitalId, asOf) };
    },
  }),
  defineRoute({
    id: 'getCashReport',
    method: 'get',
    path: '/hospitals/:hospitalId/billing/cash-report',
    summary:
      'The daily cash report: every cashier shift opened in [from, to) with money in and out per method, expected and counted cash and the variance.',
    tag: 'billing',
    roles: READERS,
    params: z.strictObject({ hospitalId }),
    input: z.strictObject({
      from: isoInstant(
        'Start of the day (the hospital’s local midnight, as an instant; default 24 hours before `to`)',
      ).optional(),
      to: isoInstant('End, exclusive (default now)').optional(),
      ...consistencyQuery,
    }),
    response: z.object({
      from: z.string(),
      to: z.string(),
      shifts: z.array(shiftShape),
      totals: z.object({
        cash: minor('Cash taken'),
        card: minor('Card taken'),
        transfer: minor('Transfers taken'),
        cashPaidOut: minor('Cash refunds'),
        variance: minor('Sum of closed shifts’ variances'),
      }),
    }),
    views: [BILLING_SHIFTS],
    modules: ['billing'],
    run: async ({ params, query }, deps) => {
      const to = new Date(query.to ?? deps.clock().toISOString()).toISOString();
      const from = new Date(query.from ?? Date.parse(to) - 86_400_000).toISOString();
      const report = await cashReport(deps.readStore, params.hospitalId, from, to);
      return { body: { ...report, shifts: report.shifts.map(publicFields) } as never };
    },
  }),
  defineRoute({
    id: 'listClaims',
    method: 'get',
    path: '/hospitals/:hospitalId/billing/claims',
    summary: 'Insurance claims by status, newest first.',
    tag: 'billing',
    roles: READERS,
    params: z.strictObject({ hospitalId }),
    input: z.strictObject({
      status: claimStatus.optional(),
      ...pageQuery,
      ...consistencyQuery,
    }),
    response: page(claimShape),
    views: [BILLING_CLAIMS],
    modules: ['billing'],
    run: async ({ params, query }, deps) => {
      const filter: Record<string, unknown> = { hospitalId: params.hospitalId };
      if (query.status) filter['status'] = query.status;
      const result = await findPage(deps.readStore.collection(BILLING_CLAIMS), {
        filter,
        sortField: 'submittedAt',
        order: 'desc',
        limit: query.limit,
        cursor: query.cursor,
      });
      return {
        body: { items: result.items.map(publicFields), nextCursor: result.nextCursor } as Page<typeof claimShape>,
      };
    },
  }),
];
