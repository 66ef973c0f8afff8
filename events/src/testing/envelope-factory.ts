import { randomUUID } from 'node:crypto';
import type { AnyEventDefinition } from '../catalogue.js';
import { CHAIN_VERSION, sealHashed } from '../chain/hash-chain.js';
import { type EventEnvelope, GENESIS_HASH } from '../envelope.js';
import { streamId } from '../naming.js';
import { avroTypeOf } from '../schema/avro-type.js';
import { normaliseEventData } from '../schema/validate.js';

/** Valid random data for one version of an event, normalised as a writer would store it. */
export function randomEventData(definition: AnyEventDefinition, version = definition.currentVersion) {
  const schema = definition.versions[version - 1];
  if (!schema) throw new RangeError(`${definition.type} has no version ${version}`);
  return normaliseEventData(definition, version, avroTypeOf(schema).random());
}

export interface EnvelopeOverrides {
  readonly version?: number;
  readonly data?: Record<string, unknown>;
  readonly hospitalId?: string;
  readonly aggregateId?: string;
  readonly revision?: number;
  readonly prevHash?: string;
  readonly position?: number;
  /** The hash rule to seal with (default: the current one). */
  readonly chainVersion?: number;
}

/** A sealed, valid envelope (hash included) for tests; random data unless given. */
export function testEnvelope(definition: AnyEventDefinition, overrides: EnvelopeOverrides = {}): EventEnvelope {
  const version = overrides.version ?? definition.currentVersion;
  const hospitalId = overrides.hospitalId ?? 'h1';
  const revision = overrides.revision ?? 0;
  const sealed = sealHashed({
    eventId: randomUUID(),
    type: definition.type,
    schemaVersion: version,
    streamId: streamId(definition.aggregate, hospitalId, overrides.aggregateId ?? randomUUID()),
    revision,
    hospitalId,
    occurredAt: '2025-03-01T08:30:00.123Z',
    recordedAt: '2025-03-01T08:30:00.456Z',
    chainVersion: overrides.chainVersion ?? CHAIN_VERSION,
    actor: { id: 'nurse-7', role: 'nurse' },
    correlationId: randomUUID(),
    causationId: randomUUID(),
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    prevHash: overrides.prevHash ?? GENESIS_HASH,
    data: overrides.data ?? randomEventData(definition, version),
  });
  return { ...sealed, position: overrides.position ?? revision + 1 };
}

/** A valid stream of `count` chained events of one aggregate (revisions 0…count-1). */
export function testChain(
  definition: AnyEventDefinition,
  count: number,
  options: { readonly chainVersion?: number } = {},
): EventEnvelope[] {
  const aggregateId = randomUUID();
  const chain: EventEnvelope[] = [];
  for (let revision = 0; revision < count; revision++) {
    const prevHash = chain[revision - 1]?.hash ?? GENESIS_HASH;
    chain.push(testEnvelope(definition, { ...options, aggregateId, revision, prevHash, position: 100 + revision }));
  }
  return chain;
}
