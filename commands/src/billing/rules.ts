import { RuleViolation } from '../shared/decider.js';

/** Every rule a billing command can break: the stable code the API returns (409, or 404 for `-not-found`), and what to do. */
export const BILLING_RULES = {
  'account-not-found': 'There is no billing account with this id; open an outpatient account, or admit the patient.',
  'account-already-open': 'This account is already open.',
  'no-price-in-force':
    'The price list has no price for this service on the service date; set a price effective on or before it.',
  'charge-not-found': 'The account has no charge with this id.',
  'charge-not-unbilled':
    'Only an unbilled charge can be marked not billable, voided or invoiced; an invoiced one is corrected by a credit note.',
  'no-unbilled-charges': 'The account has no unbilled charges to invoice.',
  'stay-discharge-not-recorded':
    'A stay’s final invoice waits until billing has recorded the discharge (and charged its last bed-days); try again shortly, or issue an interim invoice without `final`.',
  'invoice-not-found': 'The account has no invoice with this id.',
  'charges-not-on-invoice': 'Every credited charge must be a line of the invoice that is still invoiced on it.',
  'credit-exceeds-outstanding':
    'A credit note cannot credit more than the invoice still has outstanding; refund or reverse the allocation first.',
  'corrected-invoice-not-credited':
    'An adjusting invoice corrects an invoice that has a credit note; issue the credit note first.',
  'shift-not-found': 'There is no cashier shift with this id.',
  'shift-already-open': 'This shift is already open.',
  'shift-not-open': 'The cashier shift is closed; open a new shift.',
  'shift-of-another-cashier': 'Only the cashier who opened the shift takes money or closes it.',
  'payment-not-found': 'The account has no payment with this id.',
  'allocation-exceeds-payment': 'The payment has less left to allocate than that.',
  'allocation-exceeds-outstanding': 'The invoice has less outstanding than that.',
  'refund-exceeds-credit': 'A refund cannot exceed the account’s unallocated money (deposits and overpayments).',
  'adjustment-exceeds-outstanding': 'A discount or write-off cannot exceed the invoice’s outstanding amount.',
  'adjustment-not-found': 'The account has no refund, discount or write-off request with this id.',
  'adjustment-not-pending': 'This request was already approved.',
  'approver-is-requester': 'A refund, discount or write-off needs an approver other than the person who requested it.',
  'refund-not-approved': 'Only an approved refund that was not yet paid out can be paid out.',
  'payer-not-found': 'There is no payer with this id; register the payer first.',
  'payer-already-registered': 'This payer is already registered.',
  'no-coverage': 'The account has no coverage by a payer; record the patient’s coverage first.',
  'claim-not-found': 'The account has no claim with this id.',
  'charges-already-claimed': 'A line may be claimed once; these lines are already on a claim.',
  'claim-not-submitted': 'The claim was already adjudicated.',
  'claim-not-adjudicated': 'A remittance is posted for an adjudicated claim that has none yet.',
  'adjudication-lines-mismatch': 'Decide every claimed line, once, and no other.',
  'approved-exceeds-claimed': 'A line cannot be approved for more than was claimed.',
  'reduction-reason-required': 'A line approved for less than claimed needs the payer’s reason.',
  'remittance-exceeds-approved': 'A remittance cannot exceed what the payer approved.',
} as const;
export type BillingRule = keyof typeof BILLING_RULES;

export const violate = (rule: BillingRule, details: Readonly<Record<string, string | number>> = {}): never => {
  throw new RuleViolation(rule, BILLING_RULES[rule], details);
};
