import { defineEvent } from '../../schema/define-event.js';

export const ServicePriceSet = defineEvent({
  module: 'billing',
  name: 'ServicePriceSet',
  aggregate: 'priceList',
  doc: 'A price of a service in the hospital’s price list, in force from its effective date until a later price of the same service. A charge copies the price in force at its service date, so a later price never changes it.',
  versions: [
    {
      type: 'record',
      name: 'ServicePriceSet',
      namespace: 'chartline.billing',
      fields: [
        {
          name: 'serviceCode',
          type: 'string',
          doc: 'The service (`bed-day:<ward specialty>`, `lab:<test code>`, `stock:<item id>`, or a code of the hospital’s own).',
        },
        {
          name: 'kind',
          type: {
            type: 'enum',
            name: 'ServiceKind',
            namespace: 'chartline.billing',
            symbols: ['bed_day', 'lab_test', 'stock_item', 'procedure', 'other'],
            doc: 'What kind of service it is.',
          },
          doc: 'What kind of service it is.',
        },
        { name: 'description', type: 'string', doc: 'What the patient sees on the invoice.' },
        {
          name: 'unitPrice',
          type: 'long',
          doc: 'Price of one unit before tax, integer minor units of the currency. For a stock item charged at cost plus markup, 0.',
        },
        {
          name: 'markupBasisPoints',
          type: 'int',
          doc: 'For stock items charged at cost: the markup on the issued lot’s cost, basis points (2500 = 25 %); 0 otherwise.',
        },
        {
          name: 'taxBasisPoints',
          type: 'int',
          doc: 'Tax on the line, basis points (700 = 7 %); 0 when the hospital sets none.',
        },
        { name: 'currency', type: 'string', doc: 'ISO 4217 code, the hospital’s currency.' },
        {
          name: 'effectiveFrom',
          type: 'string',
          doc: 'The hospital-local date (YYYY-MM-DD) from which the price applies to services; until a later price of the same service.',
        },
        { name: 'setAt', type: 'string', doc: 'When the price was recorded, ISO-8601 UTC.' },
      ],
    },
  ],
});
