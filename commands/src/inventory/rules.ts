import { RuleViolation } from '../shared/decider.js';

/**
 * Every rule an inventory command can break: the stable code the API returns (409, or 404 for a
 * `-not-found`), and what to do about it.
 */
export const INVENTORY_RULES = {
  'item-not-found': 'No item with this id is defined in this hospital; define the item first.',
  'item-code-taken': 'Another item already has this code; pick another code or use that item.',
  'location-not-found': 'No location with this id is defined in this hospital; define the location first.',
  'ward-store-needs-ward': 'A ward store serves a ward: send wardId (and only a ward store has one).',
  'maximum-below-reorder-level':
    'The maximum level is below the reorder level; raise the maximum or lower the reorder level.',
  'lot-number-required': 'The item is tracked by lot: send the supplier’s lot number.',
  'lot-already-expired': 'The lot’s expiry date has passed; do not receive expired stock (return it to the supplier).',
  'insufficient-stock':
    'Not enough units on hand at this location; issue fewer or receive or transfer stock first. Stock never goes below zero.',
  'expired-stock-not-issuable':
    'The units left are in expired lots, which are never issued; dispose of them and issue from another location.',
  'witness-required':
    'This needs a witness (a controlled substance issued, any disposal): send the witness’s own token in X-Witness-Authorization.',
  'witness-is-issuer':
    'The witness must be another person than the one sending the command: another colleague signs in as witness.',
  'item-unchanged': 'The update changes nothing: send only the fields that change.',
  'ward-not-found': 'No ward with this id is defined in this hospital (admissions); check the ward id.',
  'patient-not-found': 'No patient with this id is registered in this hospital; check the patient id.',
  'patient-voided':
    'This patient record was merged into another (voided): issue to the surviving record (survivorPatientId).',
  'patient-deceased': 'The patient has died: nothing is issued to them any more.',
  'patient-data-erased': 'This patient’s personal data was erased: nothing more is recorded for them.',
  'stay-not-found': 'No stay with this id in this hospital; check the stay id (the admission’s stay).',
  'stay-not-of-patient': 'The stay belongs to another patient; send the stay of this patient.',
  'stay-not-open':
    'The stay is not open (planned, finished or cancelled): issue to a stay in progress or on leave, or to the ward.',
  'same-location': 'A transfer goes from one location to another; pick a different destination.',
  'transfer-not-found': 'No transfer with this id was dispatched in this hospital.',
  'transfer-already-received': 'This transfer was already received; receive a new transfer instead.',
  'lot-not-in-transfer': 'A lot named in the receipt was not dispatched on this transfer; name only its lots.',
  'received-more-than-dispatched': 'More units of a lot were received than were dispatched; count again.',
  'discrepancy-reason-required': 'Fewer units arrived than were dispatched: say why (discrepancyReason).',
  'lot-not-found': 'No stock of this lot at this location; check the lot id and the location.',
  'count-matches-books': 'The count is what the books say: there is nothing to adjust.',
  'lot-not-expired': 'The lot has not expired; dispose of it with another reason (damaged, recalled, other).',
  'stock-point-not-found': 'This item was never stocked at this location; nothing to sweep.',
} as const;
export type InventoryRule = keyof typeof INVENTORY_RULES;

export const violate = (rule: InventoryRule, details: Readonly<Record<string, string | number>> = {}): never => {
  throw new RuleViolation(rule, INVENTORY_RULES[rule], details);
};
