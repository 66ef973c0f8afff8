import type { EventData, EventEnvelope, moduleEvents } from '@chartline/events';
import type { z } from 'zod';
import type { CommandSpec, LoadedStream } from '../shared/command-spec.js';
import type { TypedStreamRef } from '../shared/define-command.js';

type AnyDefinition = (typeof moduleEvents)[keyof typeof moduleEvents][number];
/** Every event type of the catalogue: `patients.PatientDeathRecorded`, … */
export type EventType = AnyDefinition['type'];
type DefinitionOf<T extends EventType> = Extract<AnyDefinition, { readonly type: T }>;

/**
 * An event as a process manager receives it: the envelope as written, its data lifted to the
 * current schema version and typed by the event's type. Personal fields stay ciphertext (a process
 * manager decides from ids and codes, never from a name).
 */
export type TriggeringEvent<T extends EventType = EventType> = {
  [K in T]: Omit<EventEnvelope<EventData<DefinitionOf<K>>>, 'type'> & { readonly type: K };
}[T];

/** Reads a stream and folds it with its aggregate, exactly as the command pipeline loads it. */
export type StreamReader = <S>(ref: TypedStreamRef<S>) => Promise<LoadedStream<S>>;

/** One command a process manager sends: a spec of its own module and the body the API would take. */
export interface ProcessCommand {
  /**
   * Names what the command acts on, unique among the commands one event causes (`discharge:<stayId>`).
   * With the triggering event's id it derives the command id, so the same event never acts twice.
   */
  readonly key: string;
  readonly spec: CommandSpec;
  readonly body: unknown;
}

/** A command of `spec` with a body of the type its schema accepts (checked again at execution). */
export function send<Body>(
  spec: CommandSpec<Body, unknown, string>,
  key: string,
  body: z.input<z.ZodType<Body>>,
): ProcessCommand {
  return { key, spec: spec as CommandSpec, body };
}

/**
 * A process manager: events of some modules in, commands of its own module out. `load` reads what
 * it needs to know (only through the reader, so it sees what a decider sees); `react` is pure.
 * Decisions are made from the state read at delivery, not from remembered events, so a redelivered
 * or replayed event meets a world where its commands already took effect and decides nothing new.
 */
export interface ProcessManager<T extends EventType = EventType, State = unknown> {
  /** The module whose commands it sends (it lives in commands/src/<module>/process-managers/). */
  readonly module: string;
  /** Kebab-case, unique within the module. */
  readonly name: string;
  /** The event types it reacts to; their modules' topics are the ones it consumes. */
  readonly consumes: readonly T[];
  load(event: TriggeringEvent<T>, read: StreamReader): Promise<State>;
  react(event: TriggeringEvent<T>, state: State): readonly ProcessCommand[];
}

/** Declares a process manager with its event and state types flowing through load and react. */
export function defineProcessManager<T extends EventType, State>(definition: ProcessManager<T, State>): ProcessManager {
  return definition as unknown as ProcessManager;
}
