import { defineEvent } from '../../schema/define-event.js';

export const ChargeCaptured = defineEvent({
  module: 'billing',
  name: 'ChargeCaptured',
  aggregate: 'account',
  doc: 'A charge was captured on the account with the price in force at its service date (copied: a later price change never alters it). Its id derives from its source (the clinical event, or the stay and night for a bed-day), so a redelivered event never charges twice.',
  versions: [
    {
      type: 'record',
      name: 'ChargeCaptured',
      namespace: 'chartline.billing',
      fields: [
        { name: 'accountId', type: 'string', doc: 'The billing account (for a stay, the stay id).' },
        { name: 'chargeId', type: 'string', doc: 'The charge (UUID v5 of its source for captured charges).' },
        {
          name: 'source',
          type: {
            type: 'enum',
            name: 'ChargeSource',
            namespace: 'chartline.billing',
            symbols: ['bed_day', 'lab_order', 'stock_issue', 'manual'],
            doc: 'What caused the charge.',
          },
          doc: 'What caused the charge.',
        },
        {
          name: 'sourceId',
          type: 'string',
          doc: 'The causing event id, `<stayId>:<night>` for a bed-day, the command id for a manual charge.',
        },
        { name: 'serviceCode', type: 'string', doc: 'The service in the price list.' },
        { name: 'description', type: 'string', doc: 'What the patient sees.' },
        { name: 'quantity', type: 'int', doc: 'Units, at least 1.' },
        { name: 'unitPrice', type: 'long', doc: 'Price of one unit before tax, minor units.' },
        { name: 'netAmount', type: 'long', doc: 'quantity × unitPrice.' },
        { name: 'taxBasisPoints', type: 'int', doc: 'Tax rate on the line, basis points.' },
        {
          name: 'taxAmount',
          type: 'long',
          doc: 'netAmount × taxBasisPoints / 10000, rounded half away from zero to the minor unit (the one rounding rule).',
        },
        { name: 'totalAmount', type: 'long', doc: 'netAmount + taxAmount.' },
        { name: 'currency', type: 'string', doc: 'ISO 4217.' },
        {
          name: 'serviceDate',
          type: 'string',
          doc: 'The hospital-local calendar date of the service, YYYY-MM-DD (for a bed-day, the night’s date).',
        },
        { name: 'capturedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
