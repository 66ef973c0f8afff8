/**
 * Test support (no I/O): given the history of each stream a command touches, when a body is sent,
 * then these events are decided — or this rule is broken. Runs the real spec (body schema,
 * toCommand, streams, the aggregates' evolve, decide) and checks every decided event against its
 * Avro schema, so a test cannot pass with an event the catalogue would reject.
 */
import { createHash } from 'node:crypto';
import { type EventDefinition, moduleEvents } from '@chartline/events';
import avro from 'avsc';
import { expect } from 'chai';
import {
  DEFAULT_HOSPITAL_SETTINGS,
  type HospitalSettings,
  hospitalAggregate,
  settingsInForce,
} from '../hospitals/index.js';
import type { CommandContext, CommandSpec, DomainEvent, LoadedStream, StreamRef } from './command-spec.js';
import { RuleViolation } from './decider.js';

export const TEST_HOSPITAL = '01900000-0000-7000-8000-00000000a001';
export const TEST_NOW = '2025-03-01T10:00:00.000Z';

/** A deterministic UUID v7-shaped id, so expected events can name them. */
export const testId = (n: number) => `01900000-0000-7000-8000-${n.toString(16).padStart(12, '0')}`;

/** The blind index tests use: sha256 stands in for the edge's HMAC. */
export const testBlindIndex = (value: string) => createHash('sha256').update(value).digest('hex');

export function testContext(ids: readonly string[] = []): CommandContext {
  let next = 0;
  return {
    hospitalId: TEST_HOSPITAL,
    actor: { id: 'user-1', role: 'admin' },
    now: TEST_NOW,
    newId: () => ids[next++] ?? testId(9000 + next),
    blindIndex: testBlindIndex,
    kafkaPartitions: 12,
  };
}

const validators = new Map<string, avro.Type>();
function validatorFor(module: string, name: string, extra: readonly EventDefinition[] = []): avro.Type {
  const key = `${module}.${name}`;
  let type = validators.get(key);
  if (!type) {
    const defs = (moduleEvents as Record<string, readonly EventDefinition[]>)[module] ?? extra;
    const def = defs.find((d) => d.name === name);
    if (!def) throw new Error(`${key} is not in the event catalogue`);
    type = avro.Type.forSchema(def.current as avro.Schema);
    validators.set(key, type);
  }
  return type;
}

/** Every decided event must pass its Avro schema; names the offending paths when it does not. */
export function expectValidEvents(
  module: string,
  events: readonly DomainEvent[],
  extra: readonly EventDefinition[] = [],
): void {
  for (const e of events) {
    const bad: string[] = [];
    validatorFor(module, e.type, extra).isValid(e.data, { errorHook: (path) => bad.push(path.join('.')) });
    expect(bad, `${module}.${e.type} does not match its schema`).to.deep.equal([]);
  }
}

/** When the test hospital was registered: the documented defaults are in force from then. */
export const TEST_HOSPITAL_REGISTERED_AT = '2025-01-01T00:00:00.000Z';

/** The test hospital's registration (Europe/Paris, EUR unless overridden), as its stream holds it. */
export const hospitalRegistered = (
  fields: Partial<{ timeZone: string; currency: string; registeredAt: string }> = {},
): DomainEvent => ({
  type: 'HospitalRegistered',
  data: {
    hospitalId: TEST_HOSPITAL,
    name: 'Test General',
    timeZone: 'Europe/Paris',
    currency: 'EUR',
    registeredAt: TEST_HOSPITAL_REGISTERED_AT,
    ...fields,
  },
});

/**
 * A version of the test hospital's settings, in force from `effectiveFrom`: the defaults with the
 * settings given changed. Versions are numbered in the order a test lists them.
 */
export const hospitalSettingsChanged = (
  version: number,
  effectiveFrom: string,
  changes: Partial<HospitalSettings>,
): DomainEvent => {
  const s = { ...DEFAULT_HOSPITAL_SETTINGS, ...changes };
  return {
    type: 'HospitalSettingsChanged',
    data: {
      hospitalId: TEST_HOSPITAL,
      settingsVersion: version,
      effectiveFrom,
      minimumRestHours: s.minimumRestHours,
      maximumHoursPerSevenDays: s.maximumHoursPerSevenDays,
      dischargeWithUnbilledCharges: s.dischargeWithUnbilledCharges,
      labTurnaroundStatMinutes: s.labTurnaroundMinutes.stat,
      labTurnaroundUrgentMinutes: s.labTurnaroundMinutes.urgent,
      labTurnaroundRoutineMinutes: s.labTurnaroundMinutes.routine,
      labTurnaroundAsapMinutes: s.labTurnaroundMinutes.asap,
      stockExpiryWarningDays: [...s.stockExpiryWarningDays],
      licenceExpiryWarningDays: s.licenceExpiryWarningDays,
      changedAt: effectiveFrom,
    },
  };
};

export interface GivenOptions {
  /**
   * The hospital's own history (registration, settings versions) for a command that declares
   * `settingsAt`; the settings in force at that instant are folded from it exactly as the command
   * pipeline does. Default: registered on TEST_HOSPITAL_REGISTERED_AT with the documented defaults.
   */
  readonly hospital?: readonly DomainEvent[];
  /** The event definitions of a test fixture's module, which the catalogue does not hold. */
  readonly events?: readonly EventDefinition[];
}

type Decided = Readonly<Record<string, readonly DomainEvent[] | undefined>>;

export interface Outcome {
  /** The events per stream key; streams that were only read are absent. */
  thenEvents(expected: Decided): void;
  thenRejects(rule: string): void;
}

export function given(history: Readonly<Record<string, readonly DomainEvent[]>>, options: GivenOptions = {}) {
  return {
    when(spec: CommandSpec, body: unknown, ctx: CommandContext = testContext()): Outcome {
      const command = spec.toCommand(spec.body.parse(body), ctx);
      const refs: Record<string, StreamRef> = { ...spec.streams(command) };
      const loaded: Record<string, LoadedStream> = {};
      const load = (key: string, ref: StreamRef) => {
        const events = history[key] ?? [];
        const folded = ref.tail ? events.slice(-1) : events;
        loaded[key] = {
          state: folded.reduce((s, e) => ref.aggregate.evolve(s, e), ref.aggregate.initialState),
          revision: events.length - 1,
        };
      };
      for (const [key, ref] of Object.entries(refs)) load(key, ref);
      const following = (spec.following?.(command, loaded, ctx) ?? {}) as Record<string, StreamRef | undefined>;
      for (const [key, ref] of Object.entries(following)) {
        if (!ref || key in refs) continue;
        refs[key] = ref;
        load(key, ref);
      }
      for (const key of Object.keys(history))
        expect(Object.keys(refs), `history given for ${key}, a stream the command does not load`).to.include(key);
      let decided: Decided | undefined;
      let violation: RuleViolation | undefined;
      try {
        const hospital = (options.hospital ?? [hospitalRegistered()]).reduce(
          (state, e) => hospitalAggregate.evolve(state, e as never),
          hospitalAggregate.initialState,
        );
        const settings = spec.settingsAt ? settingsInForce(hospital, spec.settingsAt(command)) : undefined;
        decided = spec.decide(command, loaded, settings) as Decided;
      } catch (e) {
        if (!(e instanceof RuleViolation)) throw e;
        violation = e;
      }
      return {
        thenEvents(expected) {
          expect(violation?.rule, violation?.message).to.equal(undefined);
          const written = Object.fromEntries(Object.entries(decided ?? {}).filter(([, es]) => es && es.length > 0));
          expect(written).to.deep.equal(expected);
          for (const es of Object.values(written)) expectValidEvents(spec.module, es ?? [], options.events);
          for (const key of Object.keys(written))
            expect(Object.keys(refs), `decided for unloaded ${key}`).to.include(key);
        },
        thenRejects(rule) {
          expect(decided, 'expected a rule violation, got events').to.equal(undefined);
          expect(violation?.rule).to.equal(rule);
        },
      };
    },
  };
}
