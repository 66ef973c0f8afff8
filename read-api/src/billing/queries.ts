import type { Document, ReadStore } from '@chartline/infra';
import {
  BILLING_ACCOUNTS,
  BILLING_CHARGES,
  BILLING_CLAIMS,
  BILLING_INVOICES,
  BILLING_PAYMENTS,
  BILLING_SHIFTS,
} from '@chartline/kernel';

export { BILLING_ACCOUNTS, BILLING_CHARGES, BILLING_CLAIMS, BILLING_INVOICES, BILLING_PAYMENTS, BILLING_SHIFTS };

/** Most lines a statement lists of each kind (an account with more is read page by page elsewhere). */
export const STATEMENT_MAX = 1000;

export async function statement(store: ReadStore, hospitalId: string, accountId: string) {
  const account = await store.collection(BILLING_ACCOUNTS).findOne({ hospitalId, accountId });
  if (!account) return null;
  const of = { hospitalId, accountId };
  const [charges, invoices, payments] = await Promise.all([
    store.collection(BILLING_CHARGES).find(of, { sort: { capturedAt: 1, _id: 1 }, limit: STATEMENT_MAX }),
    store.collection(BILLING_INVOICES).find(of, { sort: { issuedAt: 1, _id: 1 }, limit: STATEMENT_MAX }),
    store.collection(BILLING_PAYMENTS).find(of, { sort: { receivedAt: 1, _id: 1 }, limit: STATEMENT_MAX }),
  ]);
  return { account, charges, invoices, payments };
}

export const AGING_BUCKETS = ['days_0_30', 'days_31_60', 'days_61_90', 'over_90'] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];
export type Buckets = Record<AgingBucket | 'total', number>;

const DAY_MS = 86_400_000;
const emptyBuckets = (): Buckets => ({ days_0_30: 0, days_31_60: 0, days_61_90: 0, over_90: 0, total: 0 });

/** Whole days from issue to `asOf`: 0–30 current, 31–60, 61–90, over 90. */
export function bucketOf(issuedAt: string, asOf: string): AgingBucket {
  const days = Math.floor((Date.parse(asOf) - Date.parse(issuedAt)) / DAY_MS);
  if (days <= 30) return 'days_0_30';
  if (days <= 60) return 'days_31_60';
  if (days <= 90) return 'days_61_90';
  return 'over_90';
}

/**
 * Accounts receivable by age of the invoice, for the hospital and per payer: what a payer is
 * expected to pay on an open claim is the payer's, the rest of the outstanding amount the
 * patients' (`payerId: null`). Invoices issued after `asOf` are left out.
 */
export async function receivablesAging(store: ReadStore, hospitalId: string, asOf: string) {
  const open: Document[] = await store
    .collection(BILLING_INVOICES)
    .find({ hospitalId, kind: 'invoice', outstanding: { $gt: 0 }, issuedAt: { $lte: asOf } });
  const hospital = emptyBuckets();
  const byPayer = new Map<string | null, Buckets>();
  const add = (payerId: string | null, bucket: AgingBucket, amount: number) => {
    if (amount <= 0) return;
    const buckets = byPayer.get(payerId) ?? emptyBuckets();
    buckets[bucket] += amount;
    buckets.total += amount;
    byPayer.set(payerId, buckets);
    hospital[bucket] += amount;
    hospital.total += amount;
  };
  for (const invoice of open) {
    const bucket = bucketOf(String(invoice['issuedAt']), asOf);
    const outstanding = Number(invoice['outstanding']);
    const payerPart = Math.min(outstanding, Number(invoice['payerExpected'] ?? 0));
    const payerId = typeof invoice['payerId'] === 'string' ? invoice['payerId'] : null;
    if (payerId !== null) add(payerId, bucket, payerPart);
    add(null, bucket, outstanding - (payerId !== null ? payerPart : 0));
  }
  const payers = [...byPayer.entries()]
    .map(([payerId, buckets]) => ({ payerId, ...buckets }))
    .sort((a, b) => String(a.payerId ?? '').localeCompare(String(b.payerId ?? '')));
  return { asOf, hospital, payers };
}

/** The cashier shifts opened in [from, to), oldest first, with the day's totals per method. */
export async function cashReport(store: ReadStore, hospitalId: string, from: string, to: string) {
  const shifts = await store
    .collection(BILLING_SHIFTS)
    .find({ hospitalId, openedAt: { $gte: from, $lt: to } }, { sort: { openedAt: 1, _id: 1 }, limit: 1000 });
  const totals = { cash: 0, card: 0, transfer: 0, cashPaidOut: 0, variance: 0 };
  for (const shift of shifts) {
    const takenIn = shift['takenIn'] as Record<string, number>;
    const paidOut = shift['paidOut'] as Record<string, number>;
    totals.cash += takenIn['cash'] ?? 0;
    totals.card += takenIn['card'] ?? 0;
    totals.transfer += takenIn['transfer'] ?? 0;
    totals.cashPaidOut += paidOut['cash'] ?? 0;
    totals.variance += Number(shift['variance'] ?? 0);
  }
  return { from, to, shifts, totals };
}
