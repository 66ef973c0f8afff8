import { defineEvent } from '../../schema/define-event.js';

export const LabPanelDefined = defineEvent({
  module: 'laboratory',
  name: 'LabPanelDefined',
  aggregate: 'labPanel',
  doc: 'A panel (a group of tests ordered together on one specimen, e.g. a basic metabolic panel) was added to the catalogue.',
  versions: [
    {
      type: 'record',
      name: 'LabPanelDefined',
      namespace: 'chartline.laboratory',
      fields: [
        { name: 'panelCode', type: 'string', doc: 'LOINC code of the panel, e.g. 51990-0.' },
        { name: 'name', type: 'string', doc: 'Display name.' },
        { name: 'testCodes', type: { type: 'array', items: 'string' }, doc: 'LOINC codes of its tests.' },
        { name: 'definedAt', type: 'string', doc: 'ISO-8601 UTC.' },
      ],
    },
  ],
});
