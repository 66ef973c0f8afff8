/**
 * The form field a refused rule of the laboratory, inventory and billing modules concerns, so the
 * refusal is shown beside it. The words are the API's own `detail` (each module's rules are already
 * written in the hospital's words, with what to do); rules not listed here are shown for the form as
 * a whole. Field names are the command bodies' (the screens name their inputs after them).
 */
/** The name of the Witness control of the issue form (not a body field: the witness signs in). */
export const WITNESS_FIELD = 'witness';

export const RULE_FIELDS: Readonly<Record<string, string>> = {
  // laboratory
  'test-not-found': 'testCode',
  'panel-not-found': 'panelCode',
  'test-not-in-order': 'testCode',
  'wrong-specimen': 'accessionNumber',
  'value-kind-mismatch': 'value',
  'unit-mismatch': 'value',
  'unknown-result-code': 'value',
  'read-back-not-confirmed': 'readBack',
  'notified-in-future': 'notifiedAt',
  // inventory
  'item-not-found': 'itemId',
  'location-not-found': 'locationId',
  'lot-number-required': 'lotNumber',
  'lot-already-expired': 'expiryDate',
  'insufficient-stock': 'quantity',
  'expired-stock-not-issuable': 'quantity',
  'same-location': 'toLocationId',
  'lot-not-found': 'lotId',
  'lot-not-expired': 'reason',
  'stock-point-not-found': 'lotId',
  // The witness is a second signed-in person (their token in X-Witness-Authorization): every
  // witness refusal, the 403s of their token included, is shown beside the form's Witness control.
  'witness-required': WITNESS_FIELD,
  'witness-is-issuer': WITNESS_FIELD,
  'invalid-witness-authorization': WITNESS_FIELD,
  'witness-not-authenticated': WITNESS_FIELD,
  'witness-hospital-not-allowed': WITNESS_FIELD,
  'witness-role-not-allowed': WITNESS_FIELD,
  // hr (the request-leave form; a decision's refusals are shown for its row)
  'staff-not-found': 'staffId',
  'staff-separated': 'staffId',
  'leave-overlaps': 'from',
  'leave-balance-insufficient': 'to',
  // billing
  'account-not-found': 'accountId',
  'no-price-in-force': 'serviceCode',
  'invoice-not-found': 'invoiceId',
  'shift-not-found': 'shiftId',
  'shift-not-open': 'shiftId',
  'shift-of-another-cashier': 'shiftId',
  'allocation-exceeds-outstanding': 'amount',
  'allocation-exceeds-payment': 'amount',
};
