import {
  BILLING_ACCOUNTS,
  BILLING_CHARGES,
  BILLING_CLAIMS,
  BILLING_INVOICES,
  BILLING_PAYMENTS,
  BILLING_SHIFTS,
} from '@chartline/kernel';
import type { ViewSpec } from '../runtime/projection.js';

/** The billing module's read models (contract in @chartline/kernel), with the indexes their queries use. */
export { BILLING_ACCOUNTS, BILLING_CHARGES, BILLING_CLAIMS, BILLING_INVOICES, BILLING_PAYMENTS, BILLING_SHIFTS };
export type BillingView =
  | typeof BILLING_ACCOUNTS
  | typeof BILLING_CHARGES
  | typeof BILLING_INVOICES
  | typeof BILLING_PAYMENTS
  | typeof BILLING_SHIFTS
  | typeof BILLING_CLAIMS;

export const billingViews: readonly ViewSpec<BillingView>[] = [
  {
    name: BILLING_ACCOUNTS,
    aggregate: 'account',
    indexes: [{ keys: { hospitalId: 1, patientId: 1, openedAt: -1 }, name: 'patient_accounts' }],
  },
  {
    name: BILLING_CHARGES,
    indexes: [{ keys: { hospitalId: 1, accountId: 1, status: 1, capturedAt: 1 }, name: 'account_charges' }],
  },
  {
    name: BILLING_INVOICES,
    indexes: [
      { keys: { hospitalId: 1, accountId: 1, issuedAt: -1 }, name: 'account_invoices' },
      { keys: { hospitalId: 1, status: 1, issuedAt: -1 }, name: 'invoices_by_status' },
      { keys: { hospitalId: 1, kind: 1, outstanding: 1 }, name: 'receivables' },
      { keys: { hospitalId: 1, number: 1 }, name: 'invoice_numbers' },
    ],
  },
  {
    name: BILLING_PAYMENTS,
    indexes: [
      { keys: { hospitalId: 1, accountId: 1, receivedAt: -1 }, name: 'account_payments' },
      { keys: { hospitalId: 1, shiftId: 1 }, name: 'shift_payments' },
    ],
  },
  { name: BILLING_SHIFTS, indexes: [{ keys: { hospitalId: 1, openedAt: -1 }, name: 'shifts_by_day' }] },
  {
    name: BILLING_CLAIMS,
    indexes: [
      { keys: { hospitalId: 1, status: 1, submittedAt: -1 }, name: 'claims_by_status' },
      { keys: { hospitalId: 1, submittedAt: -1 }, name: 'claims' },
    ],
  },
];
