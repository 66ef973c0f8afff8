import { defineEvent } from '../../schema/define-event.js';

const staffId = {
  name: 'staffId',
  type: 'string',
  doc: 'The staff member (UUID v7); also the id of their staff stream.',
} as const;
const endedAt = { name: 'endedAt', type: 'string', doc: 'ISO-8601 UTC.' } as const;

export const LicenceTrackingEnded = defineEvent({
  module: 'hr',
  name: 'LicenceTrackingEnded',
  aggregate: 'licenceRegister',
  doc: 'A separated staff member’s licences left the register: the sweep no longer warns about them.',
  versions: [
    { type: 'record', name: 'LicenceTrackingEnded', namespace: 'chartline.hr', fields: [staffId, endedAt] },
    {
      type: 'record',
      name: 'LicenceTrackingEnded',
      namespace: 'chartline.hr',
      fields: [
        staffId,
        {
          name: 'licenceIds',
          type: { type: 'array', items: 'string' },
          default: [],
          doc: 'The licences that left the register (each licence’s read-model document is taken off the expiry lists from this event alone).',
        },
        endedAt,
      ],
    },
  ],
  // v1 did not name the licences (the projection looked them up on the staff document, which a
  // crash could leave ahead of or behind the licence documents). A v1 event, written only by
  // development builds before v2, reads with none named: its licences stay on the read model's
  // expiry lists (the register, which the sweep reads, drops them by staffId either way).
  upcasters: [(data) => ({ ...data, licenceIds: [] })],
});
