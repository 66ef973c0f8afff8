import type { z } from 'zod';
import type { HospitalSettingsInForce } from '../hospitals/index.js';
import type {
  Aggregate,
  CommandContext,
  CommandSpec,
  CreatedIds,
  DomainEvent,
  LoadedStream,
  Role,
  WitnessRule,
} from './command-spec.js';

/** A stream reference that remembers its aggregate's state type. */
export interface TypedStreamRef<State> {
  // biome-ignore lint/suspicious/noExplicitAny: the event type is irrelevant here and Aggregate's evolve is a method (bivariant), so any aggregate of this state fits
  readonly aggregate: Aggregate<State, any>;
  readonly id: string;
  readonly tail?: boolean;
  readonly scope?: string;
}

type StateOf<R> = R extends TypedStreamRef<infer S> ? S : never;

/** What decide sees: each stream's state, typed by the aggregate its ref named. */
export type LoadedStreams<Refs> = { readonly [K in keyof Refs]: LoadedStream<StateOf<Refs[K]>> };

/** Events per stream key; a key left out (or empty) is a stream that was only read. */
export type EventsByStream<Refs> = { readonly [K in keyof Refs]?: readonly DomainEvent[] };

export interface CommandDefinition<Body, Command, Refs extends Record<string, TypedStreamRef<unknown>>> {
  readonly module: string;
  readonly name: string;
  readonly summary: string;
  readonly roles: readonly Role[];
  /** See CommandSpec.conflictRetries. */
  readonly conflictRetries?: number;
  /** See CommandSpec.witness. */
  readonly witness?: WitnessRule;
  readonly body: z.ZodType<Body>;
  toCommand(body: Body, ctx: CommandContext): Command;
  streams(command: Command): Refs;
  following?(command: Command, loaded: LoadedStreams<Refs>, ctx: CommandContext): Partial<Refs>;
  readonly appendFirst?: Extract<keyof Refs, string>;
  /** See CommandSpec.created. */
  readonly created?: CreatedIds<Command>;
  decide(command: Command, loaded: LoadedStreams<Refs>): EventsByStream<Refs>;
}

/**
 * A command whose rules read the hospital's settings: `settingsAt` names the instant whose
 * settings apply, and `decide` receives the settings in force then (loaded with the command).
 */
export interface SettingsCommandDefinition<Body, Command, Refs extends Record<string, TypedStreamRef<unknown>>>
  extends Omit<CommandDefinition<Body, Command, Refs>, 'decide'> {
  settingsAt(command: Command): string;
  decide(command: Command, loaded: LoadedStreams<Refs>, settings: HospitalSettingsInForce): EventsByStream<Refs>;
}

/**
 * Declares a module command with its types flowing from the zod body, through `toCommand`, to the
 * stream refs and the states `decide` receives — so a module never casts `unknown`. The single
 * widening to the server's untyped `CommandSpec` happens here.
 */
export function defineCommand<Body, Command, Refs extends Record<string, TypedStreamRef<unknown>>>(
  definition: SettingsCommandDefinition<Body, Command, Refs>,
): CommandSpec<Body, Command, Extract<keyof Refs, string>>;
export function defineCommand<Body, Command, Refs extends Record<string, TypedStreamRef<unknown>>>(
  definition: CommandDefinition<Body, Command, Refs>,
): CommandSpec<Body, Command, Extract<keyof Refs, string>>;
export function defineCommand<Body, Command, Refs extends Record<string, TypedStreamRef<unknown>>>(
  definition: CommandDefinition<Body, Command, Refs> | SettingsCommandDefinition<Body, Command, Refs>,
): CommandSpec<Body, Command, Extract<keyof Refs, string>> {
  return definition as unknown as CommandSpec<Body, Command, Extract<keyof Refs, string>>;
}
