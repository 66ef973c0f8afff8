import { defineEvent } from '../../schema/define-event.js';

export const PersonalDataAccessed = defineEvent({
  module: 'audit',
  name: 'PersonalDataAccessed',
  aggregate: 'access',
  doc: 'Someone read a patient’s record through the read API (who and when are in the envelope: actor, occurredAt). One stream per patient: access-<hospitalId>.<patientId>.',
  versions: [
    {
      type: 'record',
      name: 'PersonalDataAccessed',
      namespace: 'chartline.audit',
      fields: [
        { name: 'patientId', type: 'string', doc: 'The patient whose record was read.' },
        {
          name: 'route',
          type: 'string',
          doc: 'The route template that served it, e.g. "GET /hospitals/:hospitalId/patients/:patientId".',
        },
        {
          name: 'view',
          type: {
            type: 'enum',
            name: 'AccessedView',
            namespace: 'chartline.audit',
            symbols: ['summary', 'search_hit', 'stays'],
          },
          doc: 'What was shown: the summary, a search result row, or the patient’s stays.',
        },
        { name: 'requestId', type: 'string', doc: 'X-Request-Id of the read, to match access logs.' },
        { name: 'accessedAt', type: 'string', doc: 'When the record was read, ISO-8601 UTC.' },
      ],
    },
    {
      type: 'record',
      name: 'PersonalDataAccessed',
      namespace: 'chartline.audit',
      fields: [
        { name: 'patientId', type: 'string', doc: 'The patient whose record was read.' },
        {
          name: 'route',
          type: 'string',
          doc: 'The route template that served it, e.g. "GET /hospitals/:hospitalId/patients/:patientId".',
        },
        {
          name: 'view',
          type: {
            type: 'enum',
            name: 'AccessedView',
            namespace: 'chartline.audit',
            symbols: ['summary', 'search_hit', 'stays', 'bed_board'],
          },
          doc: 'What was shown: the summary, a search result row, the patient’s stays, or their name and MRN on a bed board.',
        },
        { name: 'requestId', type: 'string', doc: 'X-Request-Id of the read, to match access logs.' },
        { name: 'accessedAt', type: 'string', doc: 'When the record was read, ISO-8601 UTC.' },
      ],
    },
    {
      type: 'record',
      name: 'PersonalDataAccessed',
      namespace: 'chartline.audit',
      fields: [
        { name: 'patientId', type: 'string', doc: 'The patient whose record was read.' },
        {
          name: 'route',
          type: 'string',
          doc: 'The route template that served it, e.g. "GET /hospitals/:hospitalId/patients/:patientId".',
        },
        {
          name: 'view',
          type: {
            type: 'enum',
            name: 'AccessedView',
            namespace: 'chartline.audit',
            symbols: ['summary', 'search_hit', 'stays', 'bed_board', 'lab_results'],
          },
          doc: 'What was shown: the summary, a search result row, the patient’s stays, their name and MRN on a bed board, or their laboratory results (values and comments).',
        },
        { name: 'requestId', type: 'string', doc: 'X-Request-Id of the read, to match access logs.' },
        { name: 'accessedAt', type: 'string', doc: 'When the record was read, ISO-8601 UTC.' },
      ],
    },
    {
      type: 'record',
      name: 'PersonalDataAccessed',
      namespace: 'chartline.audit',
      fields: [
        { name: 'patientId', type: 'string', doc: 'The patient whose record was read.' },
        {
          name: 'route',
          type: 'string',
          doc: 'The route template that served it, e.g. "GET /hospitals/:hospitalId/patients/:patientId".',
        },
        {
          name: 'view',
          type: {
            type: 'enum',
            name: 'AccessedView',
            namespace: 'chartline.audit',
            symbols: ['summary', 'search_hit', 'stays', 'bed_board', 'lab_results', 'stock_consumption'],
          },
          doc: 'What was shown: the summary, a search result row, the patient’s stays, their name and MRN on a bed board, their laboratory results (values and comments), or the stock issued for them (items, quantities, values).',
        },
        { name: 'requestId', type: 'string', doc: 'X-Request-Id of the read, to match access logs.' },
        { name: 'accessedAt', type: 'string', doc: 'When the record was read, ISO-8601 UTC.' },
      ],
    },
    {
      type: 'record',
      name: 'PersonalDataAccessed',
      namespace: 'chartline.audit',
      fields: [
        { name: 'patientId', type: 'string', doc: 'The patient whose record was read.' },
        {
          name: 'route',
          type: 'string',
          doc: 'The route template that served it, e.g. "GET /hospitals/:hospitalId/patients/:patientId".',
        },
        {
          name: 'view',
          type: {
            type: 'enum',
            name: 'AccessedView',
            namespace: 'chartline.audit',
            symbols: [
              'summary',
              'search_hit',
              'stays',
              'bed_board',
              'lab_results',
              'stock_consumption',
              'billing_statement',
            ],
          },
          doc: 'What was shown: the summary, a search result row, the patient’s stays, their name and MRN on a bed board, their laboratory results (values and comments), the stock issued for them (items, quantities, values), or their billing account’s charges (services, lab tests and items given, amounts).',
        },
        { name: 'requestId', type: 'string', doc: 'X-Request-Id of the read, to match access logs.' },
        { name: 'accessedAt', type: 'string', doc: 'When the record was read, ISO-8601 UTC.' },
      ],
    },
  ],
  // v2 adds the bed_board symbol: every v1 record is a valid v2 record as it stands.
  // v3 adds lab_results: again every earlier record is a valid v3 record.
  // v4 adds stock_consumption (inventory: what was issued for the patient); the same holds.
  // v5 adds billing_statement (billing: a patient account's charges, which name what was given).
  upcasters: [(data) => data, (data) => data, (data) => data, (data) => data],
});
