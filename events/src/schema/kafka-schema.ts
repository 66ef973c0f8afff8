import type { AnyEventDefinition } from '../catalogue.js';
import { UnknownSchemaVersion } from '../errors.js';
import type { AvroField, AvroRecordSchema } from './avro-types.js';

const ACTOR: AvroRecordSchema = {
  type: 'record',
  name: 'Actor',
  namespace: 'chartline.envelope',
  doc: 'Who did it, taken from the bearer token at the command API.',
  fields: [
    { name: 'id', type: 'string' },
    { name: 'role', type: 'string' },
  ],
};

const ENVELOPE_FIELDS: readonly AvroField[] = [
  { name: 'eventId', type: 'string', doc: 'UUID v7.' },
  { name: 'type', type: 'string', doc: '<module>.<EventName>.' },
  { name: 'schemaVersion', type: 'int', doc: 'Version of the data schema the writer used (1-based).' },
  { name: 'streamId', type: 'string', doc: '<aggregate>-<hospitalId>.<id>.' },
  { name: 'revision', type: 'long', doc: '0-based revision within the stream.' },
  { name: 'position', type: 'long', doc: 'Global, commit-ordered position in the event store.' },
  { name: 'hospitalId', type: 'string', doc: 'The hospital; also the Kafka message key.' },
  { name: 'occurredAt', type: 'string', doc: 'ISO-8601 UTC, when the writer decided.' },
  { name: 'recordedAt', type: 'string', doc: 'ISO-8601 UTC, when the event store recorded it.' },
  { name: 'actor', type: ACTOR },
  { name: 'correlationId', type: 'string' },
  { name: 'causationId', type: 'string' },
  { name: 'traceparent', type: ['null', 'string'], default: null, doc: 'W3C trace context, or null.' },
  { name: 'prevHash', type: 'string', doc: 'Hash of the previous event in the stream (64 zeros at revision 0).' },
  { name: 'hash', type: 'string', doc: 'sha256(prevHash ‖ canonical JSON of the event), hex.' },
  {
    name: 'chainVersion',
    type: 'int',
    default: 1,
    doc: 'The hash rule that sealed the event (docs/events.md, "The hash chain"); 1 when absent.',
  },
];

/** The envelope as Kafka carried it before chain version 2: still decoded, with chainVersion 1. */
const ENVELOPE_FIELDS_BEFORE_CHAIN_V2 = ENVELOPE_FIELDS.filter((field) => field.name !== 'chainVersion');

/**
 * The Kafka value schema of one event version: the envelope record with that version's data
 * record as its `data` field. Standalone (every named type inline), so an analytics team can read
 * it with nothing else. The envelope's name is the same for every version of an event, so older
 * writers resolve against newer readers.
 */
export function kafkaValueSchema(
  definition: AnyEventDefinition,
  version: number,
  envelope: 'current' | 'before-chain-v2' = 'current',
): AvroRecordSchema {
  const data = Number.isInteger(version) ? definition.versions[version - 1] : undefined;
  if (!data) throw new UnknownSchemaVersion(definition.type, version);
  return {
    type: 'record',
    name: `${definition.name}Envelope`,
    namespace: `chartline.${definition.module}`,
    doc: `${definition.type} v${version}: ${definition.doc}`,
    fields: [
      ...(envelope === 'current' ? ENVELOPE_FIELDS : ENVELOPE_FIELDS_BEFORE_CHAIN_V2),
      { name: 'data', type: data, doc: definition.doc },
    ],
  };
}
