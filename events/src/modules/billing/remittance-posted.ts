import { defineEvent } from '../../schema/define-event.js';

export const RemittancePosted = defineEvent({
  module: 'billing',
  name: 'RemittancePosted',
  aggregate: 'account',
  doc: 'The payer’s remittance for an adjudicated claim was posted: a payment allocated to the invoice; what the payer did not pay is the patient’s responsibility.',
  versions: [
    // v1
    {
      type: 'record',
      name: 'RemittancePosted',
      namespace: 'chartline.billing',
      fields: [
        { name: 'accountId', type: 'string', doc: 'The billing account (for a stay, the stay id).' },
        { name: 'claimId', type: 'string', doc: 'The claim.' },
        { name: 'paymentId', type: 'string', doc: 'The payment the remittance became.' },
        { name: 'amount', type: 'long', doc: 'Paid by the payer, minor units.' },
        { name: 'patientResponsibility', type: 'long', doc: 'Claimed − paid by the payer: owed by the patient.' },
        { name: 'postedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
    // v2: the claimed invoice, so the invoice's read model needs no other document.
    {
      type: 'record',
      name: 'RemittancePosted',
      namespace: 'chartline.billing',
      fields: [
        { name: 'accountId', type: 'string', doc: 'The billing account (for a stay, the stay id).' },
        { name: 'claimId', type: 'string', doc: 'The claim.' },
        { name: 'paymentId', type: 'string', doc: 'The payment the remittance became.' },
        { name: 'amount', type: 'long', doc: 'Paid by the payer, minor units.' },
        { name: 'patientResponsibility', type: 'long', doc: 'Claimed − paid by the payer: owed by the patient.' },
        { name: 'postedAt', type: 'string', doc: 'ISO-8601 UTC.' },
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
