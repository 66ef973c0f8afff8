import type { ReadModelDocument, RevisionedDocument } from '../read-model.js';

/**
 * The billing module's read models, as its projection writes them and its read routes read them.
 * One document per account, charge, invoice or credit note, payment, cashier shift and claim; the
 * statement, the unbilled charges of a stay, AR aging and the daily cash report are queries over
 * them (with the indexes the projection creates). Money is integer minor units of `currency`.
 */
export const BILLING_VIEWS = {
  accounts: 'billing_accounts',
  charges: 'billing_charges',
  invoices: 'billing_invoices',
  payments: 'billing_payments',
  shifts: 'billing_shifts',
  claims: 'billing_claims',
} as const;
export const BILLING_ACCOUNTS = BILLING_VIEWS.accounts;
export const BILLING_CHARGES = BILLING_VIEWS.charges;
export const BILLING_INVOICES = BILLING_VIEWS.invoices;
export const BILLING_PAYMENTS = BILLING_VIEWS.payments;
export const BILLING_SHIFTS = BILLING_VIEWS.shifts;
export const BILLING_CLAIMS = BILLING_VIEWS.claims;

export const CHARGE_STATUSES = ['unbilled', 'invoiced', 'not_billable', 'void'] as const;
export type ChargeStatusCode = (typeof CHARGE_STATUSES)[number];
export const INVOICE_STATUSES = ['open', 'partially_paid', 'paid', 'credited', 'written_off'] as const;
export type InvoiceStatusCode = (typeof INVOICE_STATUSES)[number];
export const CLAIM_STATUSES = ['submitted', 'approved', 'partly_approved', 'denied', 'remitted'] as const;
export type ClaimStatusCode = (typeof CLAIM_STATUSES)[number];

/**
 * The account's money, kept so that two identities hold at every position (tested over a generated
 * month): `charged = invoiced + unbilled + voided` (voided counts void and not-billable charges) and
 * `invoiced = paid + outstanding + writtenOff` (invoiced is net of credit notes; writtenOff counts
 * approved discounts and write-offs). `received − paid − refunded` is the unallocated credit.
 */
export interface AccountTotals {
  readonly charged: number;
  readonly unbilled: number;
  readonly invoiced: number;
  readonly voided: number;
  readonly paid: number;
  readonly writtenOff: number;
  readonly outstanding: number;
  readonly received: number;
  readonly refunded: number;
}

/** `revision`: the account stream's (what If-Match expects on its commands). */
export interface BillingAccountDocument extends ReadModelDocument, RevisionedDocument {
  readonly accountId: string;
  readonly patientId: string;
  readonly kind: 'inpatient' | 'outpatient';
  readonly stayId: string | null;
  readonly currency: string;
  readonly payerId: string | null;
  readonly openedAt: string;
  readonly dischargedAt: string | null;
  readonly totals: AccountTotals;
  /** Refunds, discounts and write-offs requested, by id: kind, amount, invoice, status. */
  readonly adjustments: Readonly<
    Record<string, { kind: string; amount: number; invoiceId: string | null; status: string; requestedBy: string }>
  >;
}

export interface BillingChargeDocument extends ReadModelDocument {
  readonly chargeId: string;
  readonly accountId: string;
  readonly source: string;
  readonly sourceId: string;
  readonly serviceCode: string;
  readonly description: string;
  readonly quantity: number;
  readonly unitPrice: number;
  readonly netAmount: number;
  readonly taxBasisPoints: number;
  readonly taxAmount: number;
  readonly totalAmount: number;
  readonly currency: string;
  readonly serviceDate: string;
  readonly capturedAt: string;
  readonly status: ChargeStatusCode;
  readonly invoiceId: string | null;
  /** Why it was voided or marked not billable. */
  readonly reason: string | null;
}

/** An invoice (`kind: invoice`) or a credit note, numbered in one gap-free sequence per hospital. */
export interface BillingInvoiceDocument extends ReadModelDocument {
  readonly documentId: string;
  readonly kind: 'invoice' | 'credit_note';
  readonly number: number;
  readonly accountId: string;
  /** For a credit note, the invoice it credits; for an adjusting invoice, the invoice it corrects. */
  readonly relatedInvoiceId: string | null;
  readonly chargeIds: readonly string[];
  readonly totalAmount: number;
  readonly currency: string;
  readonly issuedAt: string;
  readonly credited: number;
  readonly paid: number;
  readonly writtenOff: number;
  readonly outstanding: number;
  /** Of `outstanding`, what a payer is expected to pay on an open claim (the rest is the patient’s). */
  readonly payerExpected: number;
  readonly payerId: string | null;
  readonly status: InvoiceStatusCode;
}

export interface BillingPaymentDocument extends ReadModelDocument {
  readonly paymentId: string;
  readonly accountId: string;
  readonly method: string;
  readonly purpose: string;
  readonly amount: number;
  readonly allocated: number;
  readonly shiftId: string | null;
  readonly claimId: string | null;
  readonly receivedAt: string;
}

/** A cashier shift: money in and out per method; expected, counted and variance at the close. */
export interface BillingShiftDocument extends ReadModelDocument {
  readonly shiftId: string;
  readonly cashierId: string;
  readonly currency: string;
  readonly status: 'open' | 'closed';
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly openingFloat: number;
  readonly takenIn: { readonly cash: number; readonly card: number; readonly transfer: number };
  readonly paidOut: { readonly cash: number; readonly card: number; readonly transfer: number };
  readonly expectedCash: number;
  readonly countedCash: number | null;
  readonly variance: number | null;
}

export interface BillingClaimDocument extends ReadModelDocument {
  readonly claimId: string;
  readonly accountId: string;
  readonly payerId: string;
  readonly invoiceId: string;
  readonly chargeIds: readonly string[];
  readonly claimedAmount: number;
  readonly approvedAmount: number | null;
  readonly paidAmount: number | null;
  readonly patientResponsibility: number | null;
  readonly lines: readonly { chargeId: string; approvedAmount: number; reason: string | null }[];
  readonly status: ClaimStatusCode;
  readonly submittedAt: string;
  readonly adjudicatedAt: string | null;
  readonly remittedAt: string | null;
}
