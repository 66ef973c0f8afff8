/**
 * Test support (no I/O) for process managers: given the history of the streams it reads, when an
 * event arrives, then these commands are sent — and each is one its module's decider accepts
 * against the same history (so a test cannot pass with a command the rules would refuse).
 */
import { expect } from 'chai';
import { hospitalAggregate, settingsInForce } from '../hospitals/index.js';
import type { DomainEvent, LoadedStream, StreamRef } from '../shared/command-spec.js';
import { RuleViolation } from '../shared/decider.js';
import { hospitalRegistered, TEST_HOSPITAL, testContext } from '../shared/given-when-then.js';
import type { EventType, ProcessManager, StreamReader, TriggeringEvent } from './define.js';

/** Streams by `<aggregate>.<id>` (e.g. `patient.<patientId>`, `stay.<stayId>`). */
export type History = Readonly<Record<string, readonly DomainEvent[]>>;

export interface SentCommand {
  /** `<module>/<command>`. */
  readonly command: string;
  readonly key: string;
  readonly body: unknown;
}

let sequence = 0;
/** A triggering event with a plausible envelope around the given data. */
export function triggering<T extends EventType>(
  type: T,
  data: TriggeringEvent<T>['data'],
  envelope: Partial<TriggeringEvent> = {},
): TriggeringEvent<T> {
  sequence++;
  return {
    eventId: `01900000-0000-7000-8000-${(0xe000 + sequence).toString(16).padStart(12, '0')}`,
    type,
    schemaVersion: 1,
    streamId: `x-${TEST_HOSPITAL}.x`,
    revision: 0,
    position: sequence,
    hospitalId: TEST_HOSPITAL,
    occurredAt: '2025-03-01T09:00:00.000Z',
    recordedAt: '2025-03-01T09:00:00.000Z',
    actor: { id: 'physician-1', role: 'physician' },
    correlationId: 'correlation-1',
    causationId: 'command-1',
    traceparent: null,
    prevHash: '0'.repeat(64),
    hash: '1'.repeat(64),
    data,
    ...envelope,
  } as TriggeringEvent<T>;
}

const fold = (ref: StreamRef, history: History): LoadedStream => {
  const events = history[`${ref.aggregate.name}.${ref.id}`] ?? [];
  return {
    state: events.reduce((s, e) => ref.aggregate.evolve(s, e), ref.aggregate.initialState),
    revision: events.length - 1,
  };
};

export function given(history: History) {
  const read: StreamReader = async (ref) => fold(ref, history) as LoadedStream<never>;
  return {
    async when(pm: ProcessManager, event: TriggeringEvent) {
      const commands = pm.react(event, await pm.load(event, read));
      return {
        thenSends(expected: readonly SentCommand[]): void {
          const sent = commands.map((c) => ({ command: `${c.spec.module}/${c.spec.name}`, key: c.key, body: c.body }));
          expect(sent).to.deep.equal(expected);
          // The runtime sends them in order, so each is decided on the history its predecessors wrote.
          const written: Record<string, DomainEvent[]> = Object.fromEntries(
            Object.entries(history).map(([k, events]) => [k, [...events]]),
          );
          for (const c of commands) {
            const body = c.spec.body.parse(c.body);
            const command = c.spec.toCommand(body, testContext());
            const refs = c.spec.streams(command) as Record<string, StreamRef>;
            const loaded = Object.fromEntries(Object.entries(refs).map(([k, ref]) => [k, fold(ref, written)]));
            // A settings-dependent command is decided on the test hospital's documented defaults.
            const hospital = hospitalAggregate.evolve(hospitalAggregate.initialState, hospitalRegistered() as never);
            const settings = c.spec.settingsAt ? settingsInForce(hospital, c.spec.settingsAt(command)) : undefined;
            try {
              const decided = c.spec.decide(command, loaded, settings) as Record<string, readonly DomainEvent[]>;
              for (const [k, events] of Object.entries(decided)) {
                const ref = refs[k];
                if (!ref) continue;
                const stream = `${ref.aggregate.name}.${ref.id}`;
                written[stream] = [...(written[stream] ?? []), ...events];
              }
            } catch (error) {
              if (error instanceof RuleViolation) expect.fail(`${c.spec.name} would be refused: ${error.rule}`);
              throw error;
            }
          }
        },
      };
    },
  };
}
