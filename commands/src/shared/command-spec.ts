import type { Actor } from '@chartline/events';
import type { Role } from '@chartline/kernel';
import type { z } from 'zod';
import type { HospitalSettingsInForce } from '../hospitals/index.js';

// Roles live in the shared kernel (the read side checks them too); re-exported for the deciders.
export { ROLES, type Role } from '@chartline/kernel';

/** A domain event as deciders emit it: short name (unique within the module) and data. */
export interface DomainEvent<T extends string = string, D = unknown> {
  readonly type: T;
  readonly data: D;
}

/** An aggregate kind: how its stream is named and how its history folds into state. */
export interface Aggregate<State, Event extends DomainEvent = DomainEvent> {
  /** Stream category: streams are `<name>-<hospitalId>.<id>`. */
  readonly name: string;
  readonly initialState: State;
  evolve(state: State, event: Event): State;
}

/** What the edge knows when it turns an HTTP body into a command: chosen here, so decide stays pure. */
export interface CommandContext {
  readonly hospitalId: string;
  readonly actor: Actor;
  /** ISO-8601 UTC. */
  readonly now: string;
  /** A fresh UUID v7. */
  newId(): string;
  /**
   * Partitions of the module topics (KAFKA_PARTITIONS): what placing a newly registered hospital
   * on the least-loaded partition chooses among.
   */
  readonly kafkaPartitions: number;
  /**
   * Blind index: a keyed HMAC (hospital-scoped secret held by the edge) of an already-normalised
   * value, as lowercase hex. Lets a decider find "the same person" through a stream id
   * (`patientkey-<hospitalId>.<hmac>`) without personal data ever reaching a stream id or an event.
   */
  blindIndex(value: string): string;
  /**
   * The second person of a command that declares `witness`, authenticated at the edge by their own
   * bearer token (`X-Witness-Authorization`), in this hospital, in a role allowed to witness it.
   * Absent when no witness token was sent (the decider refuses where one is required).
   */
  readonly witness?: Actor;
}

/**
 * A command another person witnesses (a controlled substance issued, stock destroyed): the witness
 * proves who they are with their own token, sent beside the sender's, and must hold one of `roles`
 * in the hospital (HR's grants narrow theirs as they narrow the sender's). Whether a witness is
 * required, and that it is not the sender, are the decider's rules.
 */
export interface WitnessRule {
  readonly roles: readonly Role[];
}

/** The fields of a command that hold an id (a string), each with what it names, for `created`. */
export type CreatedIds<Command> = Readonly<
  Partial<Record<{ [K in keyof Command]: Command[K] extends string ? K : never }[keyof Command] & string, string>>
>;

/** The ids a command made, by field, as its answer names them (`CommandSpec.created`). */
export function createdIdsOf(
  spec: { readonly created?: object },
  command: unknown,
): Record<string, string> | undefined {
  if (spec.created === undefined) return undefined;
  const fields = command as Record<string, unknown>;
  return Object.fromEntries(Object.keys(spec.created).map((field) => [field, String(fields[field])]));
}

/** One stream a command loads: the aggregate kind and the entity id within the hospital. */
export interface StreamRef {
  readonly aggregate: Aggregate<unknown>;
  readonly id: string;
  /**
   * Load only the stream's last event (its revision is still the stream's revision). For
   * append-only registries such as the MRN sequence, whose state is fully carried by the last
   * event, so the load stays O(1) however long the stream grows.
   */
  readonly tail?: boolean;
  /**
   * The stream's scope, in place of the command's hospital: `<aggregate>-<scope>.<id>`. For the
   * one platform-wide stream (the hospitals' placement on partitions, scope `platform`), which a
   * platform administrator's command about one hospital loads and appends to.
   */
  readonly scope?: string;
}

/** The loaded state of one stream, and its revision (-1 when the stream does not exist yet). */
export interface LoadedStream<State = unknown> {
  readonly state: State;
  readonly revision: number;
}

/**
 * One command of a module, declared once; the command server turns it into a route, a validator,
 * an OpenAPI operation and a handler (validate → load streams → decide → atomic append).
 *
 * `Keys` names the streams the command touches (e.g. 'stay' | 'bed'). The first key in
 * `streams()` is the command's primary stream: its revision is the ETag and If-Match checks it.
 */
export interface CommandSpec<Body = unknown, Command = unknown, Keys extends string = string> {
  readonly module: string;
  /** Kebab-case route segment: POST /hospitals/:hospitalId/<module>/<name>. */
  readonly name: string;
  readonly summary: string;
  readonly roles: readonly Role[];
  /**
   * How many times a concurrent write to a loaded stream is re-read and re-decided before the
   * command is refused `concurrent-change` (default 1). Raised for aggregates many people write at
   * once, where every loser must be decided again on the winner's state (the stock of one item at
   * one location: twenty nurses issuing its last units get exactly the stock's worth of successes).
   */
  readonly conflictRetries?: number;
  /** The command may carry a witness (see WitnessRule); the witness reaches `toCommand` as ctx.witness. */
  readonly witness?: WitnessRule;
  /** Validates the body and feeds the OpenAPI document. */
  readonly body: z.ZodType<Body>;
  toCommand(body: Body, ctx: CommandContext): Command;
  streams(command: Command): Readonly<Record<Keys, StreamRef>>;
  /**
   * Streams that can only be named once `streams()` are loaded (e.g. the identity-key streams a
   * patient is filed under, computed from the patient's current demographics). Loaded after them,
   * and given to `decide` with them; they come after the primary stream, so never the ETag.
   */
  following?(
    command: Command,
    loaded: Readonly<Record<Keys, LoadedStream>>,
    ctx: CommandContext,
  ): Readonly<Partial<Record<Keys, StreamRef>>>;
  /**
   * For a command whose rules depend on the hospital's settings (rest between shifts, discharge
   * policy, turnaround targets, time zone): the instant the rule is about, ISO-8601 UTC (usually
   * the time of what the command records, e.g. the shift's start). The pipeline loads the settings
   * in force then (HospitalSettingsPort) and passes them to `decide`.
   */
  settingsAt?(command: Command): string;
  /**
   * The stream whose events take the lowest positions of the append (default: `streams()` order).
   * Registering a hospital writes its placement first, so the relay knows the hospital's partition
   * before it meets the hospital's first event.
   */
  readonly appendFirst?: Keys;
  /**
   * Ids of what the command makes inside another record's stream (a leave request in the staff
   * member's stream, a shift on their roster): command field → what it names. The answer carries
   * them under `created` (and `/openapi.json` lists them), so a client can act on what it has just
   * made (approve that leave) without a read. The primary stream's own id is the answer's `id`.
   */
  readonly created?: CreatedIds<Command>;
  /**
   * Pure. Throws RuleViolation when a domain rule forbids the command. `settings` is given exactly
   * when the spec declares `settingsAt`.
   */
  decide(
    command: Command,
    loaded: Readonly<Record<Keys, LoadedStream>>,
    settings?: HospitalSettingsInForce,
  ): Readonly<Partial<Record<Keys, readonly DomainEvent[]>>>;
}
