/**
 * The form field a refused rule of the laboratory, inventory and billing modules concerns, so the
 * refusal is shown beside it. The words are the API's own `detail` (each module's rules are already
 * written in the hospital's words, with what to do); rules not listed here are shown for the form as
 * a whole. Field names are the command bodies' (the screens name their inputs after them).
 */
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
  'witness-required': 'witnessId',
  'witness-is-issuer': 'witnessId',
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
