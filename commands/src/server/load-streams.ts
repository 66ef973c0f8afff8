import { GENESIS_HASH, upcast } from '@chartline/events';
import {
  type CommandRef,
  declaredPersonalData,
  decryptPersonalFields,
  type EventStore,
  isCiphertext,
  type KeyStore,
  personalDataSubject,
  personalFieldsOfVersion,
  type RecordedCommand,
  type RecordedEvent,
  StreamNotFound,
} from '@chartline/infra';
import type { LoadedStream, StreamRef } from '../shared/command-spec.js';
import type { EventRegistry } from './event-registry.js';

export interface LoadedForDecision extends LoadedStream {
  readonly streamId: string;
  /** The hospital part of the stream id: the command's hospital, or the ref's scope. */
  readonly hospitalId: string;
  readonly entityId: string;
  /** Hash of the stream's last event: the next event's prevHash. */
  readonly headHash: string;
  /** The commands whose events are on the loaded part of the stream (their causationIds), and the newest position of each. */
  readonly commands: ReadonlyMap<string, number>;
}

export const streamIdOf = (ref: StreamRef, hospitalId: string): string =>
  `${ref.aggregate.name}-${ref.scope ?? hospitalId}.${ref.id}`;

/** All of it, or for a `tail` ref only the last event (whose state carries the whole stream's). */
async function readHistory(store: EventStore, streamId: string, tail: boolean): Promise<RecordedEvent[]> {
  try {
    return tail
      ? await store.readStream(streamId, { direction: 'backwards', maxCount: 1 })
      : await store.readStream(streamId);
  } catch (error) {
    if (error instanceof StreamNotFound) return [];
    throw error;
  }
}

/**
 * Reads one stream and folds it with its aggregate's evolve. The decider sees what a reader would:
 * personal fields decrypted (or ERASED), old schema versions upcast to the current one.
 */
export async function loadStream(
  ref: StreamRef,
  hospitalId: string,
  deps: { readonly eventStore: EventStore; readonly keyStore: KeyStore; readonly events: EventRegistry },
): Promise<LoadedForDecision> {
  const streamId = streamIdOf(ref, hospitalId);
  return fold(ref, hospitalId, streamId, await readHistory(deps.eventStore, streamId, ref.tail === true), deps);
}

/**
 * Several streams (a command's), loaded as loadStream loads each, in the order given. A store that
 * reads several streams at once (PostgreSQL: one round trip for all) is asked once; it answers a
 * stream without events as null rather than by throwing StreamNotFound (whose stack trace showed
 * in the command profile).
 */
export async function loadStreams(
  refs: readonly StreamRef[],
  hospitalId: string,
  deps: { readonly eventStore: EventStore; readonly keyStore: KeyStore; readonly events: EventRegistry },
): Promise<LoadedForDecision[]> {
  const store = deps.eventStore;
  if (!store.readStreams) return Promise.all(refs.map((ref) => loadStream(ref, hospitalId, deps)));
  const streamIds = refs.map((ref) => streamIdOf(ref, hospitalId));
  const histories = await store.readStreams(
    refs.map((ref, i) => ({ streamId: streamIds[i]!, tail: ref.tail === true })),
  );
  return Promise.all(refs.map((ref, i) => fold(ref, hospitalId, streamIds[i]!, histories[i] ?? [], deps)));
}

/**
 * loadStreams, and the durable record of the command (findCommand) if it ran before: a store
 * that reads both at once (PostgreSQL: the record rides on the streams' query) is asked once;
 * another for the record first. Either way a recorded command's streams are not folded (a
 * stream changed since, e.g. its personal data erased, must not stand in the way of its answer).
 */
export async function loadCommandStreams(
  refs: readonly StreamRef[],
  hospitalId: string,
  command: CommandRef,
  deps: { readonly eventStore: EventStore; readonly keyStore: KeyStore; readonly events: EventRegistry },
): Promise<{ readonly streams: LoadedForDecision[]; readonly recorded: RecordedCommand | undefined }> {
  const store = deps.eventStore;
  if (!store.readCommandStreams) {
    const recorded = await store.findCommand(command.hospitalId, command.commandId);
    return { streams: recorded ? [] : await loadStreams(refs, hospitalId, deps), recorded };
  }
  const streamIds = refs.map((ref) => streamIdOf(ref, hospitalId));
  const read = await store.readCommandStreams(
    refs.map((ref, i) => ({ streamId: streamIds[i]!, tail: ref.tail === true })),
    command,
  );
  // A recorded command is answered from its record: its streams need no folding.
  if (read.command) return { streams: [], recorded: read.command };
  const streams = await Promise.all(
    refs.map((ref, i) => fold(ref, hospitalId, streamIds[i]!, read.streams[i] ?? [], deps)),
  );
  return { streams, recorded: undefined };
}

async function fold(
  ref: StreamRef,
  hospitalId: string,
  streamId: string,
  records: readonly RecordedEvent[],
  deps: { readonly keyStore: KeyStore; readonly events: EventRegistry },
): Promise<LoadedForDecision> {
  let state = ref.aggregate.initialState;
  const commands = new Map<string, number>();
  for (const record of records) {
    const causationId = record.metadata['causationId'];
    if (typeof causationId === 'string') commands.set(causationId, record.position);
    const definition = deps.events.byType(record.type);
    const version = Number(record.metadata['schemaVersion'] ?? definition.currentVersion);
    const personal = personalFieldsOfVersion(definition, version);
    // The subject is asked for only when there is something to decrypt: events without personal
    // data (a ward, a bed) need not name one.
    const plain: Record<string, unknown> = personal.some((field) => isCiphertext(record.data[field]))
      ? await decryptPersonalFields(
          record.data,
          personal,
          deps.keyStore,
          hospitalId,
          personalDataSubject(record.data, ref.id, declaredPersonalData(definition.module)?.subject),
        )
      : { ...record.data };
    state = ref.aggregate.evolve(state, { type: definition.name, data: upcast(definition, version, plain) });
  }
  const last = records[records.length - 1];
  return {
    streamId,
    hospitalId: ref.scope ?? hospitalId,
    entityId: ref.id,
    state,
    revision: last ? last.revision : -1,
    headHash: last ? String(last.metadata['hash']) : GENESIS_HASH,
    commands,
  };
}
