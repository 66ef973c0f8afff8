import type { EventEnvelope } from './envelope.js';
import { InvalidStreamId } from './errors.js';

/**
 * Names derived from a module, an event type or an aggregate, in one place so the write side,
 * the relay and the consumers can never disagree.
 *
 * Stream ids are `<aggregate>-<hospitalId>.<id>`: EventStoreDB's category is the part before the
 * first `-`, and the hospital ends at the first `.` after it. So an aggregate holds neither `-` nor
 * `.`, a hospital id holds no `.` (letters, digits, `_` and `-`, so a UUID fits), and the id may
 * hold anything but whitespace (UUIDs, `ward.bed` pairs, …).
 */

const AGGREGATE = /^[a-z][A-Za-z0-9]*$/;
const HOSPITAL = /^[A-Za-z0-9_-]{1,64}$/;
const ID = /^\S+$/;
const MODULE = /^[a-z][a-z0-9]*$/;

export interface StreamIdParts {
  readonly aggregate: string;
  readonly hospitalId: string;
  readonly id: string;
}

function assertModule(module: string): void {
  if (!MODULE.test(module)) throw new InvalidStreamId(`invalid module name ${JSON.stringify(module)}`);
}

/** Kafka topic of a module's events. */
export function topicFor(module: string): string {
  assertModule(module);
  return `chartline.${module}.events.v1`;
}

/** Kafka dead-letter topic of a module: messages its consumers could not decode or apply. */
export function dlqTopicFor(module: string): string {
  assertModule(module);
  return `chartline.${module}.dlq`;
}

/** `patients.PatientRegistered` → `patients`. */
export function moduleOfType(type: string): string {
  const dot = type.indexOf('.');
  const module = type.slice(0, dot);
  if (dot <= 0 || dot === type.length - 1 || !MODULE.test(module)) {
    throw new InvalidStreamId(`event type ${JSON.stringify(type)} is not <module>.<EventName>`);
  }
  return module;
}

export function streamId(aggregate: string, hospitalId: string, id: string): string {
  if (!AGGREGATE.test(aggregate)) throw new InvalidStreamId(`invalid aggregate ${JSON.stringify(aggregate)}`);
  if (!HOSPITAL.test(hospitalId)) throw new InvalidStreamId(`invalid hospital id ${JSON.stringify(hospitalId)}`);
  if (!ID.test(id)) throw new InvalidStreamId(`invalid ${aggregate} id: empty or holds whitespace`);
  return `${aggregate}-${hospitalId}.${id}`;
}

export function parseStreamId(stream: string): StreamIdParts {
  const dash = stream.indexOf('-');
  const dot = stream.indexOf('.', dash + 1);
  if (dash < 0 || dot < 0)
    throw new InvalidStreamId(`stream id ${JSON.stringify(stream)} is not <aggregate>-<hospitalId>.<id>`);
  const parts = {
    aggregate: stream.slice(0, dash),
    hospitalId: stream.slice(dash + 1, dot),
    id: stream.slice(dot + 1),
  };
  // Rebuilding validates every part with the same rules as writing.
  streamId(parts.aggregate, parts.hospitalId, parts.id);
  return parts;
}

/** Stream-name prefix of one aggregate in one hospital, for the store's `streamPrefixes` filter. */
export function streamPrefix(aggregate: string, hospitalId: string): string {
  return streamId(aggregate, hospitalId, 'x').slice(0, -1);
}

/** Kafka message key: all of a hospital's events go to one partition, in order. */
export function partitionKey(envelope: Pick<EventEnvelope<unknown>, 'hospitalId'>): string {
  return envelope.hospitalId;
}
