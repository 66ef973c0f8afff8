import { defineEvent } from '../../schema/define-event.js';

export const ClaimAdjudicated = defineEvent({
  module: 'billing',
  name: 'ClaimAdjudicated',
  aggregate: 'account',
  doc: 'The payer adjudicated the claim: approved, partly approved (with a reason per reduced line) or denied.',
  versions: [
    // v1
    {
      type: 'record',
      name: 'ClaimAdjudicated',
      namespace: 'chartline.billing',
      fields: [
        { name: 'accountId', type: 'string', doc: 'The billing account (for a stay, the stay id).' },
        { name: 'claimId', type: 'string', doc: 'The claim.' },
        {
          name: 'outcome',
          type: {
            type: 'enum',
            name: 'ClaimOutcome',
            namespace: 'chartline.billing',
            symbols: ['approved', 'partly_approved', 'denied'],
            doc: 'The payer’s decision.',
          },
          doc: 'The payer’s decision.',
        },
        {
          name: 'lines',
          type: {
            type: 'array',
            items: {
              type: 'record',
              name: 'ClaimLineDecision',
              namespace: 'chartline.billing',
              fields: [
                { name: 'chargeId', type: 'string', doc: 'The line.' },
                { name: 'approvedAmount', type: 'long', doc: 'What the payer will pay for it, minor units.' },
                {
                  name: 'reason',
                  type: ['null', 'string'],
                  default: null,
                  doc: 'Why less than claimed (required then).',
                },
              ],
            },
          },
          doc: 'The decision per claimed line.',
        },
        { name: 'approvedAmount', type: 'long', doc: 'Sum of the lines’ approved amounts.' },
        { name: 'adjudicatedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
    // v2: the claimed invoice, so the invoice's read model needs no other document.
    {
      type: 'record',
      name: 'ClaimAdjudicated',
      namespace: 'chartline.billing',
      fields: [
        { name: 'accountId', type: 'string', doc: 'The billing account (for a stay, the stay id).' },
        { name: 'claimId', type: 'string', doc: 'The claim.' },
        {
          name: 'outcome',
          type: {
            type: 'enum',
            name: 'ClaimOutcome',
            namespace: 'chartline.billing',
            symbols: ['approved', 'partly_approved', 'denied'],
            doc: 'The payer’s decision.',
          },
          doc: 'The payer’s decision.',
        },
        {
          name: 'lines',
          type: {
            type: 'array',
            items: {
              type: 'record',
              name: 'ClaimLineDecision',
              namespace: 'chartline.billing',
              fields: [
                { name: 'chargeId', type: 'string', doc: 'The line.' },
                { name: 'approvedAmount', type: 'long', doc: 'What the payer will pay for it, minor units.' },
                {
                  name: 'reason',
                  type: ['null', 'string'],
                  default: null,
                  doc: 'Why less than claimed (required then).',
                },
              ],
            },
          },
          doc: 'The decision per claimed line.',
        },
        { name: 'approvedAmount', type: 'long', doc: 'Sum of the lines’ approved amounts.' },
        { name: 'adjudicatedAt', type: 'string', doc: 'ISO-8601 UTC.' },
        {
          name: 'invoiceId',
          type: 'string',
          default: '',
          doc: 'The claimed invoice (empty in v1 events).',
        },
      ],
    },
  ],
  upcasters: [(data) => ({ ...data, invoiceId: '' })],
});
