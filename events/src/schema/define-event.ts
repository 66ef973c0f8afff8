import type { AvroRecordSchema, AvroToTs } from './avro-types.js';

/** Upcaster: lifts the JSON data of version `from` to version `from + 1`. */
export type Upcaster = (data: Record<string, unknown>) => Record<string, unknown>;

export interface EventDefinitionInput<
  M extends string,
  N extends string,
  V extends readonly [AvroRecordSchema, ...AvroRecordSchema[]],
> {
  /** Module that owns the event (`patients`, `admissions`, `lab`, …): picks the Kafka topic. */
  readonly module: M;
  /** Past-tense name, unique within the module (`PatientRegistered`). */
  readonly name: N;
  /** Aggregate whose stream the event lives in (`patient`, `stay`, `bed`, `ward`). */
  readonly aggregate: string;
  /** What the event means, for docs/events.md and the analytics teams. */
  readonly doc: string;
  /** Every schema version the event has ever had, oldest first; the last is the current one. Never edit an old one. */
  readonly versions: V;
  /** `upcasters[n]` lifts version n+1's JSON data to version n+2 (index 0 lifts v1 → v2). One per version step. */
  readonly upcasters?: readonly Upcaster[];
}

type Last<T extends readonly unknown[]> = T extends readonly [...unknown[], infer L] ? L : never;

export interface EventDefinition<
  M extends string = string,
  N extends string = string,
  V extends readonly [AvroRecordSchema, ...AvroRecordSchema[]] = readonly [AvroRecordSchema, ...AvroRecordSchema[]],
> extends EventDefinitionInput<M, N, V> {
  /** The envelope's `type`: `<module>.<name>`. */
  readonly type: `${M}.${N}`;
  readonly currentVersion: number;
  readonly current: Last<V>;
  /** Names of the current schema's top-level fields declared `chartline.personal`. */
  readonly personalFields: readonly string[];
  readonly upcasters: readonly Upcaster[];
}

/** The data type of an event definition's current schema. */
export type EventData<D> = D extends EventDefinition<string, string, infer V> ? AvroToTs<Last<V>> : never;

/** A domain event as deciders see it: the short name and the current data shape. */
export type DomainEventOf<D> =
  D extends EventDefinition<string, infer N, infer V> ? { readonly type: N; readonly data: AvroToTs<Last<V>> } : never;

export function defineEvent<
  const M extends string,
  const N extends string,
  const V extends readonly [AvroRecordSchema, ...AvroRecordSchema[]],
>(input: EventDefinitionInput<M, N, V>): EventDefinition<M, N, V> {
  const current = input.versions[input.versions.length - 1] as Last<V>;
  const upcasters = input.upcasters ?? [];
  if (upcasters.length !== input.versions.length - 1) {
    throw new Error(
      `${input.module}.${input.name}: ${input.versions.length} versions need ${input.versions.length - 1} upcasters, got ${upcasters.length}`,
    );
  }
  const personalFields = (current as AvroRecordSchema).fields
    .filter((f) => f['chartline.personal'] === true)
    .map((f) => f.name);
  return {
    ...input,
    type: `${input.module}.${input.name}`,
    currentVersion: input.versions.length,
    current,
    personalFields,
    upcasters,
  };
}
