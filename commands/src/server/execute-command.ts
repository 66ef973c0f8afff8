import { type Actor, type HashedFields, sealEvent, toEventToAppend } from '@chartline/events';
import {
  CommandAlreadyRecorded,
  conflict,
  type EventStore,
  type EventToAppend,
  erasedSubject,
  HttpProblem,
  type Json,
  type KeyStore,
  PersonalDataErased,
  personalDataSubject,
  preconditionFailed,
  type Subject,
  subjectKey,
  WrongExpectedVersion,
} from '@chartline/infra';
import { encryptPersonalFields } from '../personal-data/encrypt.js';
import {
  type CommandContext,
  createdIdsOf,
  type DomainEvent,
  type LoadedStream,
  type StreamRef,
} from '../shared/command-spec.js';
import { RuleViolation } from '../shared/decider.js';
import { type AnyCommandSpec, type CommandModule, localErasure, moduleSubject } from './command-module.js';
import type { EventRegistry } from './event-registry.js';
import { type HospitalDirectory, hospitalDirectory } from './hospital-directory.js';
import { type LoadedForDecision, loadCommandStreams, loadStreams } from './load-streams.js';

export interface CommandDeps {
  readonly eventStore: EventStore;
  readonly keyStore: KeyStore;
  readonly events: EventRegistry;
  readonly clock: () => Date;
  readonly newId: () => string;
  /** Per hospital, the blind index function deciders get in their context. */
  readonly blindIndex: (hospitalId: string) => (value: string) => string;
  /**
   * Where settings-dependent commands get the hospital's settings. Default: one cached directory
   * per event store (so every executor on a store shares it).
   */
  readonly hospitals?: HospitalDirectory;
  /** Partitions of the module topics (KAFKA_PARTITIONS, default 12): placing a new hospital chooses among them. */
  readonly kafkaPartitions?: number;
}

const directories = new WeakMap<EventStore, HospitalDirectory>();
/** The directory commands on this store use when the caller gave none. */
export function defaultHospitalDirectory(eventStore: EventStore): HospitalDirectory {
  let directory = directories.get(eventStore);
  if (!directory) {
    directory = hospitalDirectory(eventStore);
    directories.set(eventStore, directory);
  }
  return directory;
}

/** KAFKA_PARTITIONS' default: the partitions of each module topic. */
export const DEFAULT_KAFKA_PARTITIONS = 12;

export interface CommandRequest {
  readonly module: CommandModule;
  readonly spec: AnyCommandSpec;
  /** Already validated by the spec's schema. */
  readonly body: unknown;
  readonly hospitalId: string;
  readonly actor: Actor;
  /** The command's witness, authenticated at the edge (see witness.ts); becomes CommandContext.witness. */
  readonly witness?: Actor;
  readonly correlationId: string;
  /** The command's id: every event's causationId. */
  readonly commandId: string;
  readonly traceparent: string | null;
  /** From If-Match: the primary stream must be at this revision. */
  readonly expectedRevision?: number;
  /**
   * For commands whose id is derived from what triggered them (a process manager's): if any stream
   * the command loads already holds an event caused by this command id, the command took effect
   * before and nothing is decided or appended (the outcome says `alreadyApplied`). A concurrent
   * duplicate loses the append's revision check, and the retry then finds the winner's events.
   */
  readonly onceOnly?: boolean;
  /**
   * Keep a durable record of the command in the event store with its events (what the caller needs
   * to answer a retry, e.g. the request's fingerprint; the outcome's fields are added). A second
   * execution of the same command id then fails with CommandAlreadyRecorded and appends nothing:
   * found with the streams it loads (the error carries the record), or refused by the append.
   */
  readonly record?: { readonly [key: string]: Json };
  /** Ids the command creates (CommandContext.newId); default deps.newId. Derived ids make a re-sent command name the same records. */
  readonly newId?: () => string;
}

export interface CommandOutcome {
  /** true when the command brought its primary stream into being (201). */
  readonly created: boolean;
  readonly streamId: string;
  /** The primary stream's entity id (a new id chosen by toCommand, e.g. the registered patient's). */
  readonly id: string;
  /** The primary stream's revision after the command (its ETag). */
  readonly revision: number;
  /** Global position written: the consistency token. */
  readonly position: number;
  /** Full types of the events written, in order. */
  readonly events: readonly string[];
  /** Ids of what the command made inside other records' streams, by command field (CommandSpec.created). */
  readonly createdIds?: Readonly<Record<string, string>>;
  /** `onceOnly` and the command had already taken effect: nothing was written now. */
  readonly alreadyApplied?: boolean;
}

/**
 * validate → load → decide → append, once more on a concurrent write (or as many times as the spec's
 * `conflictRetries` says). The retry re-reads and re-decides, so a rule the concurrent write broke is
 * reported as that rule's 409; conflicts on every attempt are reported as `concurrent-change`.
 */
export async function executeCommand(request: CommandRequest, deps: CommandDeps): Promise<CommandOutcome> {
  const retries = Math.max(1, request.spec.conflictRetries ?? 1);
  for (let round = 0; round <= retries; round += 1) {
    // Beyond the first retry, a short random pause so racing writers of one hot stream stop
    // colliding in lockstep (the first retry stays immediate, as it always was).
    if (round > 1) await pause(Math.random() * Math.min(50, 2 * round));
    try {
      return await attempt(request, deps);
    } catch (error) {
      if (!(error instanceof WrongExpectedVersion)) throw translate(error);
    }
  }
  throw conflict('concurrent-change', 'Another change to the same record was made at the same time; retry.');
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * A refusal's problem type is the rule it names (`/problems/<rule>`, with `rule` beside it for
 * clients that read the field): a client can tell `bed-not-free` from `bed-not-open` by type alone,
 * and each type's page can say what to do.
 */
function translate(error: unknown): unknown {
  // A command naming a record that does not exist (an unknown patient, bed, ward, stay) is a 404
  // naming the rule, not a conflict: there is nothing to conflict with.
  if (error instanceof RuleViolation && error.rule.endsWith('-not-found')) {
    return new HttpProblem(404, error.rule, 'Not found', error.message, { rule: error.rule, ...error.details });
  }
  if (error instanceof RuleViolation) {
    return conflict(error.rule, error.message, { rule: error.rule, ...error.details });
  }
  if (error instanceof PersonalDataErased) {
    return conflict('personal-data-erased', 'The personal data of this patient was erased.', {
      rule: 'personal-data-erased',
    });
  }
  return error;
}

/** Where the command's events were written, if any loaded stream holds one. */
function appliedPosition(streams: readonly LoadedForDecision[], commandId: string): number | undefined {
  const positions = streams.flatMap((stream) => stream.commands.get(commandId) ?? []);
  return positions.length === 0 ? undefined : Math.max(...positions);
}

async function attempt(request: CommandRequest, deps: CommandDeps): Promise<CommandOutcome> {
  const { spec, hospitalId } = request;
  const now = deps.clock().toISOString();
  const context: CommandContext = {
    hospitalId,
    actor: request.actor,
    ...(request.witness === undefined ? {} : { witness: request.witness }),
    now,
    newId: request.newId ?? deps.newId,
    blindIndex: deps.blindIndex(hospitalId),
    kafkaPartitions: deps.kafkaPartitions ?? DEFAULT_KAFKA_PARTITIONS,
  };
  const command = spec.toCommand(request.body, context);

  const refs = Object.entries(spec.streams(command) as Record<string, StreamRef>);
  const [primary] = refs;
  if (!primary) throw new Error(`${spec.module}/${spec.name}: streams() named no stream`);
  // The streams a command names are independent reads: loaded side by side (one round trip of
  // wall time instead of one per stream), kept in the order the spec names them.
  // (PostgreSQL reads them all in one round trip: see loadStreams.)
  const load = async (pairs: readonly (readonly [string, StreamRef])[]) => {
    const streams = await loadStreams(
      pairs.map(([, ref]) => ref),
      hospitalId,
      deps,
    );
    return pairs.map(([key], i) => [key, streams[i]!] as const);
  };
  const loaded = new Map<string, LoadedForDecision>(
    request.record ? await loadUnlessRecorded(request, refs, deps) : await load(refs),
  );
  const following = spec.following?.(command, Object.fromEntries(loaded) as Record<string, LoadedStream>, context);
  const more: [string, StreamRef][] = [];
  for (const [key, ref] of Object.entries((following ?? {}) as Record<string, StreamRef | undefined>)) {
    if (!ref || loaded.has(key) || more.some(([k]) => k === key)) continue;
    more.push([key, ref]);
  }
  refs.push(...more);
  for (const [key, stream] of await load(more)) loaded.set(key, stream);

  const primaryLoaded = loaded.get(primary[0])!;
  const appliedAt = request.onceOnly ? appliedPosition([...loaded.values()], request.commandId) : undefined;
  if (appliedAt !== undefined) {
    return {
      created: false,
      streamId: primaryLoaded.streamId,
      id: primaryLoaded.entityId,
      revision: primaryLoaded.revision,
      position: appliedAt,
      events: [],
      ...withCreatedIds(createdIdsOf(spec, command)),
      alreadyApplied: true,
    };
  }
  if (request.expectedRevision !== undefined && primaryLoaded.revision !== request.expectedRevision) {
    throw preconditionFailed(`The record is at revision ${primaryLoaded.revision}, not ${request.expectedRevision}.`);
  }

  const hospitals = deps.hospitals ?? defaultHospitalDirectory(deps.eventStore);
  // Settings are state loaded with the command (cached briefly, see HospitalDirectory), decided on purely.
  const settings = spec.settingsAt ? await hospitals.settingsInForce(hospitalId, spec.settingsAt(command)) : undefined;
  const decided = spec.decide(command, Object.fromEntries(loaded) as Record<string, LoadedStream>, settings) as Partial<
    Record<string, readonly DomainEvent[]>
  >;

  // The writer's clock just before the append is the event's recordedAt: chain version 2 hashes
  // it (state as of T reads by it), so it must be known before sealing, not stamped by the store.
  const recordedAt = deps.clock().toISOString();
  const appends = [];
  const erasures = new Map<string, Subject>();
  for (const [key] of refs) {
    const stream = loaded.get(key)!;
    const toAppend: EventToAppend[] = [];
    let prevHash = stream.headHash;
    for (const [index, event] of (decided[key] ?? []).entries()) {
      const definition = deps.events.byName(request.module.name, event.type);
      const data = event.data as Record<string, Json>;
      const erased = erasedSubject(definition.type, data) ?? localErasure(request.module, event.type, data);
      if (erased) erasures.set(subjectKey(hospitalId, erased), erased);
      // Only events with personal fields need (and must name) a subject.
      const subject = () => personalDataSubject(data, stream.entityId, moduleSubject(request.module));
      const fields: Omit<HashedFields<Record<string, Json>>, 'chainVersion'> = {
        eventId: deps.newId(),
        type: definition.type,
        schemaVersion: definition.currentVersion,
        streamId: stream.streamId,
        revision: stream.revision + 1 + index,
        // The stream's hospital: a platform-scope stream's events are the platform's, so they
        // travel under its key, in its order, never in some hospital's partition.
        hospitalId: stream.hospitalId,
        occurredAt: now,
        recordedAt,
        actor: { id: request.actor.id, role: request.actor.role },
        correlationId: request.correlationId,
        causationId: request.commandId,
        traceparent: request.traceparent,
        prevHash,
        data: await encryptPersonalFields(data, definition.personalFields, () =>
          deps.keyStore.dataKeyFor(hospitalId, subject()),
        ),
      };
      // Sealing validates the data against its schema and normalises it (declared defaults written
      // out) before hashing, so the hash verifies the same over the store's JSON and Kafka's Avro.
      const sealed = sealEvent(fields, deps.events.catalogue);
      toAppend.push(toEventToAppend(sealed, deps.events.catalogue) as EventToAppend);
      prevHash = sealed.hash;
    }
    appends.push({
      streamId: stream.streamId,
      events: toAppend,
      expected: stream.revision === -1 ? ('no_stream' as const) : stream.revision,
    });
  }

  // The key goes before the event that records its erasure is written: if the append then fails,
  // the data stays unreadable (the safe side) and a retry records it.
  for (const subject of erasures.values()) await deps.keyStore.erase(hospitalId, subject);

  // Positions follow the order of the appends: the spec's `appendFirst` stream goes first.
  const first = spec.appendFirst && loaded.get(spec.appendFirst)?.streamId;
  if (first) appends.sort((a, b) => Number(b.streamId === first) - Number(a.streamId === first));
  const types = appends.flatMap((a) => a.events.map((e) => e.type));

  const primaryWritten = decided[primary[0]]?.length ?? 0;
  const outcome = {
    created: primaryLoaded.revision === -1 && primaryWritten > 0,
    streamId: primaryLoaded.streamId,
    id: primaryLoaded.entityId,
    revision: primaryLoaded.revision + primaryWritten,
    events: types,
    ...withCreatedIds(createdIdsOf(spec, command)),
  };
  // With `record`, the event store keeps the command (its outcome) in the same transaction and
  // refuses a second one: CommandAlreadyRecorded, nothing appended.
  const result = await deps.eventStore.appendToStreams(
    appends,
    request.record
      ? { command: { hospitalId, commandId: request.commandId, outcome: { ...request.record, ...outcome } } }
      : {},
  );
  hospitals.written(
    hospitalId,
    appends.filter((a) => a.events.length > 0).map((a) => a.streamId),
  );
  return { ...outcome, position: result.position };
}

/**
 * A command to be recorded is looked for with its streams (one read): if it ran before, its
 * record is the answer, thrown as CommandAlreadyRecorded carrying it (as the append would refuse
 * a second record), before anything is decided.
 */
async function loadUnlessRecorded(
  request: CommandRequest,
  refs: readonly (readonly [string, StreamRef])[],
  deps: CommandDeps,
): Promise<(readonly [string, LoadedForDecision])[]> {
  const { hospitalId, commandId } = request;
  const read = await loadCommandStreams(
    refs.map(([, ref]) => ref),
    hospitalId,
    { hospitalId, commandId },
    deps,
  );
  if (read.recorded) throw new CommandAlreadyRecorded(hospitalId, commandId, read.recorded);
  return refs.map(([key], i) => [key, read.streams[i]!] as const);
}

/** The outcome an executed command recorded, read back from its command record. */
export function recordedOutcome(outcome: { readonly [key: string]: Json }, position: number): CommandOutcome {
  return {
    created: outcome['created'] === true,
    streamId: String(outcome['streamId']),
    id: String(outcome['id']),
    revision: Number(outcome['revision']),
    position,
    events: Array.isArray(outcome['events']) ? outcome['events'].map(String) : [],
    ...withCreatedIds(recordedIds(outcome['createdIds'])),
  };
}

/** Only commands that declare `created` carry the field (the other answers keep their bytes). */
const withCreatedIds = (ids: Record<string, string> | undefined): { createdIds?: Record<string, string> } =>
  ids === undefined ? {} : { createdIds: ids };

const recordedIds = (value: Json | undefined): Record<string, string> | undefined =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value).map(([field, id]) => [field, String(id)]))
    : undefined;
