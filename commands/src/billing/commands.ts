import { z } from 'zod';
import type { Role } from '../shared/command-spec.js';
import { defineCommand, type TypedStreamRef } from '../shared/define-command.js';
import { describedCodes } from '../shared/described-codes.js';
import { type AccountState, accountAggregate } from './account.js';
import { type CashierShiftState, cashierShiftAggregate } from './cashier-shift.js';
import * as decider from './decider.js';
import type { BillingEvent } from './events.js';
import { INVOICE_SEQUENCE_ID, type InvoiceSequenceState, invoiceSequenceAggregate } from './invoice-sequence.js';
import { type PayerState, payerAggregate } from './payer.js';
import { PRICE_LIST_ID, type PriceListState, priceListAggregate } from './price-list.js';

/**
 * The billing module's commands. Roles (issue 17): billing clerks capture manual charges and issue
 * invoices; cashiers take payments; a billing supervisor sets prices and approves refunds, discounts
 * and write-offs; the charge-capture process manager records what happens to a stay.
 */

const MODULE = 'billing';
/** Declared, so a spec's type does not wait on the decider's (whose commands are typed from the specs). */
type Decided = Readonly<Record<string, readonly BillingEvent[]>>;
const CLERKS: readonly Role[] = ['billing_clerk'];
const CASHIERS: readonly Role[] = ['cashier'];
const SUPERVISORS: readonly Role[] = ['billing_supervisor'];
const DESK: readonly Role[] = ['billing_clerk', 'cashier'];
/** Sent by the charge-capture process manager (which is not checked for roles); an admin may repair by hand. */
const CAPTURE: readonly Role[] = ['admin'];

const uuid = (what: string) => z.uuid().describe(what);
const accountId = uuid('The billing account (a stay’s account has the stay’s id).');
const money = (what: string) =>
  z.number().int().min(1).max(1_000_000_000_000).describe(`${what}, integer minor units.`);
const reason = z.string().trim().min(1).max(500).describe('Why (shown to auditors).');
const localDateField = (what: string) =>
  z.iso.date({ error: 'Expected a calendar date YYYY-MM-DD' }).describe(`${what}, hospital-local date YYYY-MM-DD.`);
const instant = (what: string) =>
  z.iso
    .datetime({ offset: true, error: 'Expected an ISO-8601 date-time with a UTC offset (Z or ±hh:mm)' })
    .describe(`${what}, ISO-8601.`);
const utc = (iso: string) => new Date(iso).toISOString();
const paymentMethod = describedCodes('How the money moves.', {
  cash: 'notes and coins at the desk',
  card: 'a card terminal',
  transfer: 'a bank transfer',
});
const chargeIdList = z.array(uuid('A charge.')).min(1).max(1000);

const account = (id: string): TypedStreamRef<AccountState> => ({ aggregate: accountAggregate, id });
const prices = (): TypedStreamRef<PriceListState> => ({ aggregate: priceListAggregate, id: PRICE_LIST_ID });
const sequence = (): TypedStreamRef<InvoiceSequenceState> => ({
  aggregate: invoiceSequenceAggregate,
  id: INVOICE_SEQUENCE_ID,
  tail: true,
});
const shift = (id: string): TypedStreamRef<CashierShiftState> => ({ aggregate: cashierShiftAggregate, id });
const payer = (id: string): TypedStreamRef<PayerState> => ({ aggregate: payerAggregate, id });
/**
 * The hospital's currency and time zone (the day boundary of bed-days) come from the hospitals
 * settings port, like every other module's hospital settings: a command declares `settingsAt` (its own
 * time, `c.at`: both are fixed at registration) and `decide` receives the settings in force.
 */

// ——— price list and payers ———

export type SetServicePrice = ReturnType<typeof setServicePrice.toCommand>;
export const setServicePrice = defineCommand({
  module: MODULE,
  name: 'set-service-price',
  summary:
    'Set the price of a service from an effective date on; charges already captured keep the price they were captured at.',
  roles: SUPERVISORS,
  body: z.strictObject({
    serviceCode: z
      .string()
      .regex(/^[a-z0-9][a-z0-9_:.-]{0,79}$/, 'Lower-case letters, digits and _ : . -')
      .describe('`bed-day:<ward specialty>`, `lab:<test code>`, `stock:<item id>`, or a code of the hospital’s own.'),
    kind: describedCodes('What kind of service.', {
      bed_day: 'a night in a bed on a ward of a specialty',
      lab_test: 'a laboratory test',
      stock_item: 'a stock item issued to a patient',
      procedure: 'a procedure or consultation',
      other: 'anything else',
    }),
    description: z.string().trim().min(1).max(200).describe('What the patient sees on the invoice.'),
    unitPrice: z.number().int().min(0).max(1_000_000_000).describe('Price of one unit before tax, minor units.'),
    markupBasisPoints: z.number().int().min(0).max(100_000).default(0).describe('For stock items: markup on cost.'),
    taxBasisPoints: z.number().int().min(0).max(10_000).default(0).describe('Tax rate, basis points (700 = 7 %).'),
    effectiveFrom: localDateField('The first day the price applies'),
  }),
  toCommand: (body, ctx) => ({ type: 'SetServicePrice' as const, ...body, hospitalId: ctx.hospitalId, at: ctx.now }),
  streams: () => ({ prices: prices() }),
  settingsAt: (c) => c.at,
  decide: (c, _loaded, settings): Decided => ({ prices: decider.setServicePrice(c, settings) }),
});

export type RegisterPayer = ReturnType<typeof registerPayer.toCommand>;
export const registerPayer = defineCommand({
  module: MODULE,
  name: 'register-payer',
  summary: 'Register an insurer or other third party that pays for patients’ care.',
  roles: SUPERVISORS,
  body: z.strictObject({ name: z.string().trim().min(1).max(200).describe('The payer’s name.') }),
  toCommand: (body, ctx) => ({ type: 'RegisterPayer' as const, payerId: ctx.newId(), name: body.name, at: ctx.now }),
  streams: (c) => ({ payer: payer(c.payerId) }),
  decide: (c, loaded): Decided => ({ payer: decider.registerPayer(c, loaded.payer.state) }),
});

// ——— accounts and charges ———

export type OpenOutpatientAccount = ReturnType<typeof openOutpatientAccount.toCommand>;
export const openOutpatientAccount = defineCommand({
  module: MODULE,
  name: 'open-outpatient-account',
  summary: 'Open an outpatient account for a patient (a stay’s account opens at admission).',
  roles: CLERKS,
  body: z.strictObject({ patientId: uuid('The patient.') }),
  toCommand: (body, ctx) => ({
    type: 'OpenOutpatientAccount' as const,
    accountId: ctx.newId(),
    patientId: body.patientId,
    hospitalId: ctx.hospitalId,
    at: ctx.now,
  }),
  streams: (c) => ({ account: account(c.accountId) }),
  settingsAt: (c) => c.at,
  decide: (c, loaded, settings): Decided => ({
    account: decider.openOutpatientAccount(c, loaded.account.state, settings),
  }),
});

const specialty = z
  .string()
  .regex(/^[a-z_]{1,40}$/)
  .describe('The ward’s specialty (admissions’ ward specialty codes).');

export type OpenStayAccount = ReturnType<typeof openStayAccount.toCommand>;
export const openStayAccount = defineCommand({
  module: MODULE,
  name: 'open-stay-account',
  summary: 'Open a stay’s account at admission (sent by the charge-capture process manager).',
  roles: CAPTURE,
  body: z.strictObject({
    stayId: uuid('The stay; the account gets its id.'),
    patientId: uuid('The patient.'),
    wardId: uuid('The admission ward.'),
    specialty,
    admittedAt: instant('When the patient was admitted'),
  }),
  toCommand: (body, ctx) => ({
    type: 'OpenStayAccount' as const,
    ...body,
    admittedAt: utc(body.admittedAt),
    hospitalId: ctx.hospitalId,
    at: ctx.now,
  }),
  streams: (c) => ({ account: account(c.stayId) }),
  settingsAt: (c) => c.at,
  decide: (c, loaded, settings): Decided => ({
    account: decider.openStayAccount(c, loaded.account.state, settings),
  }),
});

export type RecordStayTransfer = ReturnType<typeof recordStayTransfer.toCommand>;
export const recordStayTransfer = defineCommand({
  module: MODULE,
  name: 'record-stay-transfer',
  summary: 'Charge the nights spent so far and price later nights by the new ward (sent by charge capture).',
  roles: CAPTURE,
  body: z.strictObject({
    stayId: uuid('The stay.'),
    wardId: uuid('The new ward.'),
    specialty,
    transferredAt: instant('When the patient moved'),
  }),
  toCommand: (body, ctx) => ({
    type: 'RecordStayTransfer' as const,
    ...body,
    transferredAt: utc(body.transferredAt),
    hospitalId: ctx.hospitalId,
    at: ctx.now,
  }),
  streams: (c) => ({ account: account(c.stayId), prices: prices() }),
  settingsAt: (c) => c.at,
  decide: (c, loaded, settings): Decided => ({
    account: decider.recordStayTransfer(c, loaded.account.state, loaded.prices.state, settings),
  }),
});

export type RecordStayDischarge = ReturnType<typeof recordStayDischarge.toCommand>;
export const recordStayDischarge = defineCommand({
  module: MODULE,
  name: 'record-stay-discharge',
  summary: 'Charge every night of the stay not charged yet, and end bed-day accrual (sent by charge capture).',
  roles: CAPTURE,
  body: z.strictObject({ stayId: uuid('The stay.'), dischargedAt: instant('When the patient was discharged') }),
  toCommand: (body, ctx) => ({
    type: 'RecordStayDischarge' as const,
    ...body,
    dischargedAt: utc(body.dischargedAt),
    hospitalId: ctx.hospitalId,
    at: ctx.now,
  }),
  streams: (c) => ({ account: account(c.stayId), prices: prices() }),
  settingsAt: (c) => c.at,
  decide: (c, loaded, settings): Decided => ({
    account: decider.recordStayDischarge(c, loaded.account.state, loaded.prices.state, settings),
  }),
});

export type CaptureBedDays = ReturnType<typeof captureBedDays.toCommand>;
export const captureBedDays = defineCommand({
  module: MODULE,
  name: 'capture-bed-days',
  summary:
    'Charge the nights a stay still in hospital has completed by `through` (the nightly scheduled run; idempotent).',
  roles: ['admin', 'billing_clerk'],
  body: z.strictObject({ accountId, through: instant('Charge nights completed by this instant (not after now)') }),
  toCommand: (body, ctx) => ({
    type: 'CaptureBedDays' as const,
    accountId: body.accountId,
    through: utc(body.through),
    hospitalId: ctx.hospitalId,
    at: ctx.now,
  }),
  streams: (c) => ({ account: account(c.accountId), prices: prices() }),
  settingsAt: (c) => c.at,
  decide: (c, loaded, settings): Decided => ({
    account: decider.captureBedDays(c, loaded.account.state, loaded.prices.state, settings),
  }),
});

export type CaptureCharge = ReturnType<typeof captureCharge.toCommand>;
export const captureCharge = defineCommand({
  module: MODULE,
  name: 'capture-charge',
  summary: 'Capture a manual charge on an account at the price in force on its service date.',
  roles: CLERKS,
  created: { chargeId: 'The charge captured, to void, set aside, credit or claim.' },
  body: z.strictObject({
    accountId,
    serviceCode: z.string().min(1).max(80).describe('The service in the price list.'),
    quantity: z.number().int().min(1).max(10_000).default(1).describe('Units.'),
    serviceDate: localDateField('When the service was given (default: today in the hospital)').optional(),
  }),
  toCommand: (body, ctx) => {
    const chargeId = ctx.newId();
    return {
      type: 'CaptureCharge' as const,
      accountId: body.accountId,
      chargeId,
      source: 'manual' as 'manual' | 'lab_order' | 'stock_issue',
      sourceId: chargeId,
      serviceCode: body.serviceCode,
      quantity: body.quantity,
      serviceDate: body.serviceDate ?? null,
      hospitalId: ctx.hospitalId,
      at: ctx.now,
    };
  },
  streams: (c) => ({ account: account(c.accountId), prices: prices() }),
  settingsAt: (c) => c.at,
  decide: (c, loaded, settings): Decided => ({
    account: decider.captureCharge(c, loaded.account.state, loaded.prices.state, settings),
  }),
});

export type CaptureClinicalCharge = ReturnType<typeof captureClinicalCharge.toCommand>;
export const captureClinicalCharge = defineCommand({
  module: MODULE,
  name: 'capture-clinical-charge',
  summary:
    'Charge a stay for a lab order or a stock issue (sent by charge capture): the charge id derives from the clinical event’s id, so a redelivered event charges once.',
  roles: CAPTURE,
  body: z.strictObject({
    stayId: uuid('The stay (its account).'),
    source: describedCodes('What happened.', {
      lab_order: 'a laboratory test was ordered',
      stock_issue: 'stock was issued to the patient',
    }),
    sourceEventId: uuid('The clinical event.'),
    serviceCode: z.string().min(1).max(80).describe('`lab:<test code>` or `stock:<item id>`.'),
    quantity: z.number().int().min(1).max(100_000).describe('Units.'),
    unitCost: z
      .number()
      .int()
      .min(0)
      .max(1_000_000_000)
      .optional()
      .describe(
        'For stock: the issued lot’s unit cost, minor units (priced at cost + markup when the list sets a markup).',
      ),
    servedAt: instant('When the service was given'),
  }),
  toCommand: (body, ctx) => ({
    type: 'CaptureClinicalCharge' as const,
    ...body,
    unitCost: body.unitCost ?? null,
    servedAt: utc(body.servedAt),
    chargeId: decider.derivedChargeId(body.source, body.sourceEventId),
    hospitalId: ctx.hospitalId,
    at: ctx.now,
  }),
  streams: (c) => ({ account: account(c.stayId), prices: prices() }),
  settingsAt: (c) => c.at,
  decide: (c, loaded, settings): Decided => ({
    account: decider.captureClinicalCharge(c, loaded.account.state, loaded.prices.state, settings),
  }),
});

const chargeAside = (how: 'void' | 'not_billable') =>
  defineCommand({
    module: MODULE,
    name: how === 'void' ? 'void-charge' : 'mark-charge-not-billable',
    summary:
      how === 'void'
        ? 'Void an unbilled charge captured in error, with the reason.'
        : 'Mark an unbilled charge not billable (the hospital absorbs it), with the reason.',
    roles: CLERKS,
    body: z.strictObject({ accountId, chargeId: uuid('The charge.'), reason }),
    toCommand: (body, ctx) => ({ type: 'SetChargeAside' as const, ...body, how, at: ctx.now }),
    streams: (c) => ({ account: account(c.accountId) }),
    decide: (c, loaded): Decided => ({ account: decider.setChargeAside(c, loaded.account.state) }),
  });
export const voidCharge = chargeAside('void');
export const markChargeNotBillable = chargeAside('not_billable');
export type SetChargeAside = ReturnType<typeof voidCharge.toCommand>;

// ——— invoices ———

export type IssueInvoice = ReturnType<typeof issueInvoice.toCommand>;
export const issueInvoice = defineCommand({
  module: MODULE,
  name: 'issue-invoice',
  // Every issuer in a hospital appends to its one sequence stream: a loser is decided again on the
  // next number rather than refused, so parallel clerks all get their (gap-free) numbers.
  conflictRetries: 20,
  summary:
    'Issue an invoice of the account’s unbilled charges (all, or those listed) with the next number of the hospital’s gap-free sequence.',
  roles: CLERKS,
  created: { invoiceId: 'The invoice issued, to take payments for, credit, discount or claim.' },
  body: z.strictObject({
    accountId,
    chargeIds: chargeIdList.optional().describe('The charges to invoice (default: every unbilled charge).'),
    correctsInvoiceId: uuid('For an adjusting invoice: the credited invoice it corrects.').optional(),
    final: z
      .boolean()
      .optional()
      .describe(
        'A stay’s final invoice: refused (stay-discharge-not-recorded) until billing has recorded the discharge, so it carries the last bed-days.',
      ),
  }),
  toCommand: (body, ctx) => ({
    type: 'IssueInvoice' as const,
    accountId: body.accountId,
    invoiceId: ctx.newId(),
    chargeIds: body.chargeIds ?? null,
    correctsInvoiceId: body.correctsInvoiceId ?? null,
    final: body.final ?? false,
    at: ctx.now,
  }),
  streams: (c) => ({ account: account(c.accountId), sequence: sequence() }),
  decide: (c, loaded): Decided => decider.issueInvoice(c, loaded.account.state, loaded.sequence.state),
});

export type IssueCreditNote = ReturnType<typeof issueCreditNote.toCommand>;
export const issueCreditNote = defineCommand({
  module: MODULE,
  name: 'issue-credit-note',
  // Every issuer in a hospital appends to its one sequence stream: a loser is decided again on the
  // next number rather than refused, so parallel clerks all get their (gap-free) numbers.
  conflictRetries: 20,
  summary:
    'Credit lines of an issued invoice (which itself never changes); the credited charges are unbilled again, to void or re-invoice on an adjusting invoice.',
  roles: CLERKS,
  created: { creditNoteId: 'The credit note issued.' },
  body: z.strictObject({ accountId, invoiceId: uuid('The invoice.'), chargeIds: chargeIdList, reason }),
  toCommand: (body, ctx) => ({ type: 'IssueCreditNote' as const, ...body, creditNoteId: ctx.newId(), at: ctx.now }),
  streams: (c) => ({ account: account(c.accountId), sequence: sequence() }),
  decide: (c, loaded): Decided => decider.issueCreditNote(c, loaded.account.state, loaded.sequence.state),
});

// ——— cashier shifts and payments ———

export type OpenCashierShift = ReturnType<typeof openCashierShift.toCommand>;
export const openCashierShift = defineCommand({
  module: MODULE,
  name: 'open-cashier-shift',
  summary: 'Open a cashier shift with the cash in the drawer.',
  roles: CASHIERS,
  body: z.strictObject({
    openingFloat: z.number().int().min(0).max(100_000_000).describe('Cash in the drawer, minor units.'),
  }),
  toCommand: (body, ctx) => ({
    type: 'OpenCashierShift' as const,
    shiftId: ctx.newId(),
    cashierId: ctx.actor.id,
    openingFloat: body.openingFloat,
    hospitalId: ctx.hospitalId,
    at: ctx.now,
  }),
  streams: (c) => ({ shift: shift(c.shiftId) }),
  settingsAt: (c) => c.at,
  decide: (c, loaded, settings): Decided => ({ shift: decider.openCashierShift(c, loaded.shift.state, settings) }),
});

export type CloseCashierShift = ReturnType<typeof closeCashierShift.toCommand>;
export const closeCashierShift = defineCommand({
  module: MODULE,
  name: 'close-cashier-shift',
  summary: 'Close the shift with the cash counted in the drawer; the variance against the expected cash is recorded.',
  roles: CASHIERS,
  body: z.strictObject({
    shiftId: uuid('The shift.'),
    countedCash: z.number().int().min(0).max(100_000_000).describe('Cash counted, minor units.'),
  }),
  toCommand: (body, ctx) => ({ type: 'CloseCashierShift' as const, ...body, cashierId: ctx.actor.id, at: ctx.now }),
  streams: (c) => ({ shift: shift(c.shiftId) }),
  decide: (c, loaded): Decided => ({ shift: decider.closeCashierShift(c, loaded.shift.state) }),
});

export type TakePayment = ReturnType<typeof takePayment.toCommand>;
export const takePayment = defineCommand({
  module: MODULE,
  name: 'take-payment',
  summary: 'Take a payment or a deposit in the cashier’s open shift, optionally allocated to an invoice at once.',
  roles: CASHIERS,
  created: { paymentId: 'The payment or deposit taken, to allocate.' },
  body: z.strictObject({
    accountId,
    shiftId: uuid('The cashier’s open shift.'),
    method: paymentMethod,
    purpose: describedCodes('What the money is.', {
      payment: 'paying an invoice',
      deposit: 'an advance before invoicing (kept as the account’s credit until allocated)',
    }).default('payment'),
    amount: money('The amount'),
    invoiceId: uuid(
      'Allocate it all to this invoice. Without it, a payment settles the oldest open invoices first (the rest stays as credit); a deposit stays as credit.',
    ).optional(),
  }),
  toCommand: (body, ctx) => ({
    type: 'TakePayment' as const,
    ...body,
    invoiceId: body.invoiceId ?? null,
    paymentId: ctx.newId(),
    cashierId: ctx.actor.id,
    at: ctx.now,
  }),
  streams: (c) => ({ account: account(c.accountId), shift: shift(c.shiftId) }),
  decide: (c, loaded): Decided => decider.takePayment(c, loaded.account.state, loaded.shift.state),
});

export type AllocatePayment = ReturnType<typeof allocatePayment.toCommand>;
export const allocatePayment = defineCommand({
  module: MODULE,
  name: 'allocate-payment',
  summary: 'Allocate (part of) a payment or deposit to an invoice of the account.',
  roles: DESK,
  body: z.strictObject({
    accountId,
    paymentId: uuid('The payment.'),
    invoiceId: uuid('The invoice.'),
    amount: money('The amount'),
  }),
  toCommand: (body, ctx) => ({ type: 'AllocatePayment' as const, ...body, at: ctx.now }),
  streams: (c) => ({ account: account(c.accountId) }),
  decide: (c, loaded): Decided => ({ account: decider.allocatePayment(c, loaded.account.state) }),
});

// ——— refunds, discounts, write-offs ———

export type RequestAdjustment = ReturnType<typeof requestAdjustment.toCommand>;
export const requestAdjustment = defineCommand({
  module: MODULE,
  name: 'request-adjustment',
  summary:
    'Request a refund (of unallocated money), a discount or a write-off (of an invoice’s outstanding amount); it needs another person’s approval.',
  roles: [...DESK, 'billing_supervisor'],
  created: { adjustmentId: 'The request, for approve-adjustment (and pay-out-refund).' },
  body: z
    .strictObject({
      accountId,
      kind: describedCodes('What is requested.', {
        refund: 'pay back money the account holds unallocated',
        discount: 'reduce what an invoice still asks for',
        write_off: 'give up collecting an invoice’s outstanding amount',
      }),
      invoiceId: uuid('For a discount or write-off: the invoice.').optional(),
      amount: money('The amount'),
      reason,
    })
    .refine((b) => b.kind === 'refund' || b.invoiceId !== undefined, {
      path: ['invoiceId'],
      message: 'A discount or write-off names the invoice',
    }),
  toCommand: (body, ctx) => ({
    type: 'RequestAdjustment' as const,
    ...body,
    invoiceId: body.invoiceId ?? null,
    adjustmentId: ctx.newId(),
    requestedBy: ctx.actor.id,
    at: ctx.now,
  }),
  streams: (c) => ({ account: account(c.accountId) }),
  decide: (c, loaded): Decided => ({ account: decider.requestAdjustment(c, loaded.account.state) }),
});

export type ApproveAdjustment = ReturnType<typeof approveAdjustment.toCommand>;
export const approveAdjustment = defineCommand({
  module: MODULE,
  name: 'approve-adjustment',
  summary: 'Approve a requested refund, discount or write-off (never one you requested yourself).',
  roles: SUPERVISORS,
  body: z.strictObject({ accountId, adjustmentId: uuid('The request.') }),
  toCommand: (body, ctx) => ({ type: 'ApproveAdjustment' as const, ...body, approvedBy: ctx.actor.id, at: ctx.now }),
  streams: (c) => ({ account: account(c.accountId) }),
  decide: (c, loaded): Decided => ({ account: decider.approveAdjustment(c, loaded.account.state) }),
});

export type PayOutRefund = ReturnType<typeof payOutRefund.toCommand>;
export const payOutRefund = defineCommand({
  module: MODULE,
  name: 'pay-out-refund',
  summary: 'Pay out an approved refund from the cashier’s open shift.',
  roles: CASHIERS,
  body: z.strictObject({
    accountId,
    adjustmentId: uuid('The approved refund.'),
    shiftId: uuid('The shift.'),
    method: paymentMethod,
  }),
  toCommand: (body, ctx) => ({ type: 'PayOutRefund' as const, ...body, cashierId: ctx.actor.id, at: ctx.now }),
  streams: (c) => ({ account: account(c.accountId), shift: shift(c.shiftId) }),
  decide: (c, loaded): Decided => decider.payOutRefund(c, loaded.account.state, loaded.shift.state),
});

// ——— insurance ———

export type RecordCoverage = ReturnType<typeof recordCoverage.toCommand>;
export const recordCoverage = defineCommand({
  module: MODULE,
  name: 'record-coverage',
  summary: 'Record that a payer covers the patient for this account.',
  roles: CLERKS,
  body: z.strictObject({ accountId, payerId: uuid('The payer.') }),
  toCommand: (body, ctx) => ({ type: 'RecordCoverage' as const, ...body, at: ctx.now }),
  streams: (c) => ({ account: account(c.accountId), payer: payer(c.payerId) }),
  decide: (c, loaded): Decided => ({ account: decider.recordCoverage(c, loaded.account.state, loaded.payer.state) }),
});

export type SubmitClaim = ReturnType<typeof submitClaim.toCommand>;
export const submitClaim = defineCommand({
  module: MODULE,
  name: 'submit-claim',
  summary: 'Submit a claim to the covering payer for lines of an issued invoice (default: every line not claimed yet).',
  roles: CLERKS,
  created: { claimId: 'The claim submitted, for record-adjudication and post-remittance.' },
  body: z.strictObject({ accountId, invoiceId: uuid('The invoice.'), chargeIds: chargeIdList.optional() }),
  toCommand: (body, ctx) => ({
    type: 'SubmitClaim' as const,
    accountId: body.accountId,
    invoiceId: body.invoiceId,
    chargeIds: body.chargeIds ?? null,
    claimId: ctx.newId(),
    at: ctx.now,
  }),
  streams: (c) => ({ account: account(c.accountId) }),
  decide: (c, loaded): Decided => ({ account: decider.submitClaim(c, loaded.account.state) }),
});

export type RecordAdjudication = ReturnType<typeof recordAdjudication.toCommand>;
export const recordAdjudication = defineCommand({
  module: MODULE,
  name: 'record-adjudication',
  summary: 'Record the payer’s decision on every claimed line (a reduced line carries the payer’s reason).',
  roles: CLERKS,
  body: z.strictObject({
    accountId,
    claimId: uuid('The claim.'),
    lines: z
      .array(
        z.strictObject({
          chargeId: uuid('The claimed line.'),
          approvedAmount: z.number().int().min(0).max(1_000_000_000_000).describe('What the payer pays, minor units.'),
          reason: z.string().trim().min(1).max(200).optional().describe('The payer’s reason for a reduction.'),
        }),
      )
      .min(1)
      .max(1000),
  }),
  toCommand: (body, ctx) => ({
    type: 'RecordAdjudication' as const,
    accountId: body.accountId,
    claimId: body.claimId,
    lines: body.lines.map((l) => ({
      chargeId: l.chargeId,
      approvedAmount: l.approvedAmount,
      reason: l.reason ?? null,
    })),
    at: ctx.now,
  }),
  streams: (c) => ({ account: account(c.accountId) }),
  decide: (c, loaded): Decided => ({ account: decider.recordAdjudication(c, loaded.account.state) }),
});

export type PostRemittance = ReturnType<typeof postRemittance.toCommand>;
export const postRemittance = defineCommand({
  module: MODULE,
  name: 'post-remittance',
  summary: 'Post the payer’s remittance for an adjudicated claim; what the payer did not pay is the patient’s to pay.',
  roles: DESK,
  created: { paymentId: 'The payer’s payment.' },
  body: z.strictObject({
    accountId,
    claimId: uuid('The claim.'),
    amount: z.number().int().min(0).max(1_000_000_000_000).describe('Paid by the payer, minor units.'),
  }),
  toCommand: (body, ctx) => ({ type: 'PostRemittance' as const, ...body, paymentId: ctx.newId(), at: ctx.now }),
  streams: (c) => ({ account: account(c.accountId) }),
  decide: (c, loaded): Decided => ({ account: decider.postRemittance(c, loaded.account.state) }),
});

export const billingCommands = [
  setServicePrice,
  registerPayer,
  openOutpatientAccount,
  openStayAccount,
  recordStayTransfer,
  recordStayDischarge,
  captureBedDays,
  captureCharge,
  captureClinicalCharge,
  markChargeNotBillable,
  voidCharge,
  issueInvoice,
  issueCreditNote,
  openCashierShift,
  closeCashierShift,
  takePayment,
  allocatePayment,
  requestAdjustment,
  approveAdjustment,
  payOutRefund,
  recordCoverage,
  submitClaim,
  recordAdjudication,
  postRemittance,
];
