import { buildCatalogue } from '../catalogue.js';
import { defineEvent } from '../schema/define-event.js';

/**
 * Events of a made-up `samples` module, so the machinery is tested with version histories,
 * upcasters, nested records, enums, arrays, maps and nullable fields whatever the real modules
 * hold today.
 */
export const SampleTaken = defineEvent({
  module: 'samples',
  name: 'SampleTaken',
  aggregate: 'sample',
  doc: 'A sample was taken from a patient.',
  versions: [
    {
      type: 'record',
      name: 'SampleTaken',
      namespace: 'chartline.samples.v1',
      fields: [
        { name: 'sampleId', type: 'string' },
        { name: 'patientName', type: 'string', 'chartline.personal': true, doc: 'Ciphertext.' },
        { name: 'volume', type: 'int', doc: 'Millilitres.' },
      ],
    },
    {
      type: 'record',
      name: 'SampleTaken',
      namespace: 'chartline.samples.v2',
      fields: [
        { name: 'sampleId', type: 'string' },
        { name: 'patientName', type: 'string', 'chartline.personal': true, doc: 'Ciphertext.' },
        { name: 'volumeMl', type: 'int', default: 0, doc: 'Millilitres.' },
        { name: 'kind', type: { type: 'enum', name: 'SampleKind', symbols: ['blood', 'urine'] }, default: 'blood' },
      ],
    },
    {
      type: 'record',
      name: 'SampleTaken',
      namespace: 'chartline.samples.v3',
      fields: [
        { name: 'sampleId', type: 'string' },
        { name: 'patientName', type: 'string', 'chartline.personal': true, doc: 'Ciphertext.' },
        { name: 'volumeMl', type: 'int', default: 0, doc: 'Millilitres.' },
        { name: 'kind', type: { type: 'enum', name: 'SampleKind', symbols: ['blood', 'urine'] }, default: 'blood' },
        { name: 'takenBy', type: ['null', 'string'], default: null, doc: 'Staff id, when known.' },
      ],
    },
  ],
  upcasters: [
    // v1 → v2: `volume` was renamed `volumeMl`; every v1 sample was blood.
    ({ volume, ...rest }) => ({ ...rest, volumeMl: volume, kind: 'blood' }),
    (d) => ({ ...d, takenBy: null }),
  ],
});

export const SampleAnalysed = defineEvent({
  module: 'samples',
  name: 'SampleAnalysed',
  aggregate: 'sample',
  doc: 'A laboratory analysed a sample.',
  versions: [
    {
      type: 'record',
      name: 'SampleAnalysed',
      fields: [
        { name: 'sampleId', type: 'string' },
        { name: 'priceMinor', type: 'long', doc: 'Integer minor units.' },
        { name: 'ratio', type: 'double' },
        { name: 'flags', type: { type: 'array', items: 'string' } },
        { name: 'readings', type: { type: 'map', values: ['null', 'long'] } },
        {
          name: 'analyser',
          type: {
            type: 'record',
            name: 'Analyser',
            fields: [
              { name: 'id', type: 'string' },
              { name: 'status', type: { type: 'enum', name: 'AnalyserStatus', symbols: ['ok', 'degraded'] } },
            ],
          },
        },
        { name: 'note', type: ['null', 'string'], default: null },
        { name: 'verified', type: 'boolean' },
      ],
    },
  ],
});

export const fixtureCatalogue = buildCatalogue({ samples: [SampleTaken, SampleAnalysed] });
