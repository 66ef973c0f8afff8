/**
 * Field declarations several inventory events share (kept `as const` so each event's TypeScript
 * type is still derived from its own schema). Money is integer minor units with its currency code.
 */

export const stockPointFields = [
  { name: 'itemId', type: 'string', doc: 'The item (UUID v7).' },
  { name: 'locationId', type: 'string', doc: 'The location holding the stock (UUID v7).' },
] as const;

export const lotFields = [
  {
    name: 'lotId',
    type: 'string',
    doc: 'The lot: one receipt from a supplier (UUID v7), the same at every location it moves to.',
  },
  { name: 'lotNumber', type: 'string', doc: 'The supplier’s lot (batch) number.' },
  {
    name: 'expiryDate',
    type: ['null', 'string'],

    doc: 'Calendar date the lot expires (YYYY-MM-DD, the hospital’s local date; expired from that day on), or null when the item does not expire.',
  },
] as const;

export const costFields = [
  { name: 'unitCostMinor', type: 'long', doc: 'Cost of one unit in minor units of the currency (cents).' },
  { name: 'currency', type: 'string', doc: 'ISO 4217 currency code of the cost.' },
] as const;

export const movementFields = [
  { name: 'quantity', type: 'int', doc: 'Units moved (always positive; the event type says in or out).' },
  {
    name: 'onHandAfter',
    type: 'int',
    doc: 'Units of the item at the location after this movement (all lots): the ledger’s running balance.',
  },
] as const;

/**
 * Added in each witnessed event's v2: the witness is authenticated by their own token, so the role
 * they acted in is known. Null in v1 records (the witness was named by id only) and when no one witnessed.
 */
export const witnessRoleField = {
  name: 'witnessRole',
  type: ['null', 'string'],
  default: null,
  doc: 'The role the witness acted in (from their own verified token, as HR granted it in the hospital), or null: no witness, or a v1 record (witness named by id, not authenticated).',
} as const;
