/**
 * Filling an event store to a size quickly, with events the product would have written: a template
 * of a few hospitals' days is decided by the real command pipeline (validate, load, decide, encrypt,
 * seal) into memory once, then copied under new hospital ids, each copy re-sealed stream by stream
 * (new event ids, the copy's hospital in its envelope, stream ids and data, a hash chain of its own)
 * and appended with `appendToStreams` — the store's own multi-stream append, one call per copy.
 */
import {
  type EventEnvelope,
  envelopeFromRecorded,
  GENESIS_HASH,
  type PendingEvent,
  sealEvent,
  toEventToAppend,
} from '@chartline/events';
import {
  createMemoryKeyStore,
  type EventStore,
  type KeyStore,
  MemoryEventStore,
  type StreamAppend,
  type Subject,
} from '@chartline/infra';
import { v7 as uuidv7 } from 'uuid';
import { generateWorkload } from '../../generate/workload.js';
import { driveDirect } from '../peer/drive-direct.js';

export interface Template {
  /** The template's events in commit order, envelopes as stored. */
  readonly events: readonly EventEnvelope[];
  readonly hospitals: readonly string[];
  /** The personal-data keys the template's commands made (by template hospital). */
  readonly keyStore: KeyStore;
}

/** The template hospitals' prefix; a copy's hospital is `<template hospital>-c<copy>`. */
export const TEMPLATE_PREFIX = 'scale-t';

export async function makeTemplate(options: { hospitals: number; days: number; seed: string }): Promise<Template> {
  const steps = generateWorkload({ ...options, hospitalPrefix: TEMPLATE_PREFIX });
  const store = new MemoryEventStore();
  const keyStore = createMemoryKeyStore();
  const run = await driveDirect(steps, store, options.hospitals, keyStore);
  // A refused step (e.g. a controlled-substance issue without a witness) writes nothing: the
  // template is what was accepted, which is what a store holds.
  if (run.commands === 0) throw new Error(`the template's commands all failed: ${run.firstErrors.join('; ')}`);
  const recorded = await store.readAll();
  const hospitals = [...new Set(steps.map((s) => s.hospitalId))];
  return { events: recorded.map((e) => envelopeFromRecorded(e)), hospitals, keyStore };
}

/** The hospital id of copy `copy` of a template hospital. */
export const copyHospital = (hospitalId: string, copy: number) => `${hospitalId}-c${copy}`;

/** The template hospital a copy's hospital came from (itself when it is not a copy). */
export const templateHospitalOf = (hospitalId: string) => hospitalId.replace(/-c\d+$/, '');

/**
 * Copy `copy` of the template as one multi-stream append: every event re-sealed under the copy's
 * hospital, chained per stream from the genesis hash, streams in the order they first appear and
 * each new (`no_stream`). Pure apart from the clock and the new ids it is given.
 */
export function copyOfTemplate(
  events: readonly EventEnvelope[],
  copy: number,
  options: { now?: () => string; newId?: () => string } = {},
): StreamAppend[] {
  const now = options.now ?? (() => new Date().toISOString());
  const newId = options.newId ?? uuidv7;
  const streams = new Map<string, PendingEvent[]>();
  const hospitals = new Set(events.filter((e) => e.hospitalId.startsWith(TEMPLATE_PREFIX)).map((e) => e.hospitalId));
  for (const event of events) {
    // Platform-wide streams (a hospital's placement on the bus) are one per platform, not per hospital: not copied.
    if (!hospitals.has(event.hospitalId)) continue;
    const hospitalId = copyHospital(event.hospitalId, copy);
    const streamId = event.streamId.replace(`-${event.hospitalId}.`, `-${hospitalId}.`);
    const chain = streams.get(streamId) ?? [];
    if (chain.length === 0) streams.set(streamId, chain);
    // Ids are data; the hospitals' own ids are the only values that must change with the copy.
    let json = JSON.stringify(event.data);
    for (const template of hospitals) json = json.replaceAll(`"${template}"`, `"${copyHospital(template, copy)}"`);
    const data = JSON.parse(json) as Record<string, unknown>;
    chain.push(
      sealEvent({
        eventId: newId(),
        type: event.type,
        schemaVersion: event.schemaVersion,
        streamId,
        revision: chain.length,
        hospitalId,
        occurredAt: event.occurredAt,
        recordedAt: now(),
        actor: event.actor,
        correlationId: event.correlationId,
        causationId: event.causationId,
        traceparent: event.traceparent ?? null,
        prevHash: chain[chain.length - 1]?.hash ?? GENESIS_HASH,
        data,
      }),
    );
  }
  return [...streams].map(([streamId, chain]) => ({
    streamId,
    events: chain.map((e) => toEventToAppend(e)),
    expected: 'no_stream' as const,
  }));
}

export interface Fill {
  /** Events appended by this fill. */
  readonly events: number;
  readonly copies: number;
  readonly millis: number;
}

/**
 * Appends copies of the template until the store holds at least `target` events (its head
 * position counts them: positions are dense from 1 on a fresh store). `writers` copies are
 * sealed and appended side by side. Returns what it appended; `nextCopy` keeps copy numbers unique
 * across fills of the same store.
 */
export async function fillStore(
  store: EventStore,
  template: Template,
  target: number,
  state: { nextCopy: number },
  writers = 4,
): Promise<Fill> {
  const started = performance.now();
  let appended = 0;
  let copies = 0;
  let head = await store.headPosition();
  const perCopy = copyOfTemplate(template.events, 0).reduce((n, a) => n + a.events.length, 0);
  const writer = async () => {
    while (head + perCopy / 2 < target) {
      const copy = state.nextCopy++;
      head += perCopy;
      await store.appendToStreams(copyOfTemplate(template.events, copy));
      appended += perCopy;
      copies += 1;
    }
  };
  await Promise.all(Array.from({ length: writers }, writer));
  return { events: appended, copies, millis: performance.now() - started };
}

/**
 * The template's keys, asked for by a copy's hospital: a rebuild of copied events decrypts their
 * personal fields as the live projector would (a copy of an event carries its template's
 * ciphertext), rather than finding no key and showing the patient as erased.
 */
export function copiedKeys(template: Template): Pick<KeyStore, 'existingKey'> {
  return {
    existingKey: (hospitalId: string, subject: Subject) =>
      template.keyStore.existingKey(templateHospitalOf(hospitalId), subject),
  };
}
