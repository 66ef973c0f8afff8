import type avsc from 'avsc';
import type { AnyEventDefinition, EventCatalogue } from '../catalogue.js';
import { schemaFingerprint } from '../codec/crc64-avro.js';
import { UnknownSchemaVersion } from '../errors.js';
import { avroTypeOf } from './avro-type.js';
import type { AvroRecordSchema } from './avro-types.js';
import { kafkaValueSchema } from './kafka-schema.js';

/** One event version as Kafka carries it. */
export interface KafkaSchemaEntry {
  readonly definition: AnyEventDefinition;
  readonly version: number;
  /** The standalone value schema (envelope + data), with docs and `chartline.personal` flags. */
  readonly schema: AvroRecordSchema;
  readonly type: avsc.Type;
  /** Parsing Canonical Form of `schema`. */
  readonly canonicalForm: string;
  /** CRC-64-AVRO of the canonical form, as the 8 little-endian bytes single-object encoding writes. */
  readonly fingerprint: Buffer;
  /**
   * Set on the entries of writer schemas Kafka carried before chain version 2: `type` is then the
   * current reader, and the resolver fills in what the older writer did not write.
   */
  readonly resolver?: avsc.Resolver;
}

/** Writer schemas by fingerprint, so a consumer decodes every version it knows. */
export interface AvroRegistry {
  readonly entries: readonly KafkaSchemaEntry[];
  /** Throws UnknownEventType / UnknownSchemaVersion. */
  entry(type: string, version: number): KafkaSchemaEntry;
  byFingerprint(fingerprint: Uint8Array): KafkaSchemaEntry | undefined;
}

const registries = new WeakMap<EventCatalogue, AvroRegistry>();

/**
 * The registry of a catalogue, built on first use (parsing every schema costs a few ms, and a
 * consumer that only reads the JSON store never pays it). Two versions with one fingerprint (an
 * unchanged schema re-declared) would make decoding ambiguous, so that throws.
 */
export function avroRegistryOf(catalogue: EventCatalogue): AvroRegistry {
  const known = registries.get(catalogue);
  if (known) return known;
  const entries: KafkaSchemaEntry[] = [];
  const byFingerprint = new Map<string, KafkaSchemaEntry>();
  const byTypeVersion = new Map<string, KafkaSchemaEntry>();
  for (const definition of catalogue.all) {
    for (let version = 1; version <= definition.versions.length; version++) {
      const schema = kafkaValueSchema(definition, version);
      const type = avroTypeOf(schema);
      const canonicalForm = JSON.stringify(type.schema());
      const entry = { definition, version, schema, type, canonicalForm, fingerprint: schemaFingerprint(canonicalForm) };
      const key = entry.fingerprint.toString('hex');
      const clash = byFingerprint.get(key);
      if (clash) {
        throw new Error(
          `${definition.type} v${version} has the same writer schema as ${clash.definition.type} v${clash.version}`,
        );
      }
      byFingerprint.set(key, entry);
      byTypeVersion.set(`${definition.type}@${version}`, entry);
      entries.push(entry);
      // Messages already on the topics keep their old fingerprints: read them with the current
      // schema, chainVersion taking its default (1).
      const before = kafkaValueSchema(definition, version, 'before-chain-v2');
      const beforeType = avroTypeOf(before);
      const beforeForm = JSON.stringify(beforeType.schema());
      const beforeFingerprint = schemaFingerprint(beforeForm);
      byFingerprint.set(beforeFingerprint.toString('hex'), {
        ...entry,
        schema: before,
        canonicalForm: beforeForm,
        fingerprint: beforeFingerprint,
        resolver: type.createResolver(beforeType),
      });
    }
  }
  const registry: AvroRegistry = {
    entries,
    entry(type, version) {
      const definition = catalogue.get(type);
      const entry = byTypeVersion.get(`${definition.type}@${version}`);
      if (!entry) throw new UnknownSchemaVersion(type, version);
      return entry;
    },
    // A view of the caller's bytes, not a copy: every consumed message is looked up here.
    byFingerprint: (fingerprint) =>
      byFingerprint.get(
        (Buffer.isBuffer(fingerprint)
          ? fingerprint
          : Buffer.from(fingerprint.buffer, fingerprint.byteOffset, fingerprint.byteLength)
        ).toString('hex'),
      ),
  };
  registries.set(catalogue, registry);
  return registry;
}
