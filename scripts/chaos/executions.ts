/**
 * How many times each command took effect, judged from the event store alone — and, for a command
 * the workload sent and got a 2xx for, against the events that answer named.
 *
 * One execution of a command is one append (`executeCommand` stamps every event of an attempt with
 * the same writer's `recordedAt`, taken once per attempt, and appends them in one transaction). So
 * a command executed twice shows as its causation id's events carrying two `recordedAt`s — a retry
 * comes at least a pause later, never in the same millisecond. A repeated `type@stream` within ONE
 * execution is not a second execution: several commands write one event per item by design
 * (`order-lab-test` with a panel: one `LabTestOrdered` per test on the order's stream;
 * `onboard-staff`: one `LeaveBalanceCredited` per leave type; `register-patient`: one
 * `PossibleDuplicateFlagged` per candidate). The first chaos rounds counted those as "executed
 * twice"; they are reported here apart, as `repeatsByDesign`, by their shape.
 */

/** What the check needs of a stored event (no data: it may be personal). */
export interface StoredEventFacts {
  readonly causationId: string;
  readonly type: string;
  readonly streamId: string;
  readonly recordedAt: string;
}

/** A command the workload sent: its command id, and the event types its 2xx named (undefined: no 2xx). */
export interface AnsweredCommand {
  readonly commandId: string;
  /** Short name for the report, e.g. `laboratory/order-lab-test`. */
  readonly name: string;
  readonly answeredEvents: readonly string[] | undefined;
}

export interface ExecutionJudgement {
  /** Commands (any causation id in the store, the process managers' included) written by more than one append. */
  readonly executedTwice: number;
  /** 2xx commands whose answer named events, none of which are in the store. */
  readonly okMissing: number;
  /** 2xx commands whose stored events (one execution) are not the types the answer named. */
  readonly okDiffering: number;
  /** 2xx commands that answered that they wrote nothing (e.g. a licence sweep with nothing due) and wrote nothing. */
  readonly okWroteNothing: number;
  /** The same, by command name. */
  readonly wroteNothingBy: Readonly<Record<string, number>>;
  /** Commands never answered 2xx: in the store once, or absent. */
  readonly unansweredPresent: number;
  readonly unansweredAbsent: number;
  /** One-execution commands that wrote one type to one stream more than once, by shape, e.g. `laboratory.LabTestOrdered ×2`. */
  readonly repeatsByDesign: Readonly<Record<string, number>>;
  /** Up to 10 offending commands: their name (or `process manager`) and what was wrong; no data. */
  readonly examples: readonly string[];
}

const sorted = (xs: readonly string[]) => [...xs].sort();
const sameTypes = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && sorted(a).every((t, i) => t === sorted(b)[i]);

/** The repeated `type@stream`s of one execution as a shape: `hr.LeaveBalanceCredited ×2`. */
function repeatShape(events: readonly StoredEventFacts[]): string | undefined {
  const counts = new Map<string, { type: string; n: number }>();
  for (const e of events) {
    const key = `${e.type}@${e.streamId}`;
    counts.set(key, { type: e.type, n: (counts.get(key)?.n ?? 0) + 1 });
  }
  const repeated = [...counts.values()].filter((c) => c.n > 1).map((c) => `${c.type} ×${c.n}`);
  return repeated.length === 0 ? undefined : repeated.sort().join(' + ');
}

export function judgeExecutions(
  stored: readonly StoredEventFacts[],
  sent: readonly AnsweredCommand[],
): ExecutionJudgement {
  const byCause = new Map<string, StoredEventFacts[]>();
  for (const e of stored) {
    const seen = byCause.get(e.causationId) ?? [];
    seen.push(e);
    byCause.set(e.causationId, seen);
  }
  const names = new Map(sent.map((c) => [c.commandId, c.name]));
  const examples: string[] = [];
  const example = (line: string) => {
    if (examples.length < 10) examples.push(line);
  };
  const executions = (events: readonly StoredEventFacts[]) => new Set(events.map((e) => e.recordedAt)).size;

  let executedTwice = 0;
  const repeatsByDesign: Record<string, number> = {};
  for (const [cause, events] of byCause) {
    const n = executions(events);
    if (n > 1) {
      executedTwice++;
      example(`${names.get(cause) ?? 'process manager'} ${cause}: executed ${n} times`);
      continue;
    }
    const shape = repeatShape(events);
    if (shape) repeatsByDesign[shape] = (repeatsByDesign[shape] ?? 0) + 1;
  }

  let okMissing = 0;
  let okDiffering = 0;
  let okWroteNothing = 0;
  const wroteNothingBy: Record<string, number> = {};
  let unansweredPresent = 0;
  let unansweredAbsent = 0;
  for (const command of sent) {
    const events = byCause.get(command.commandId) ?? [];
    if (command.answeredEvents === undefined) {
      if (events.length > 0) unansweredPresent++;
      else unansweredAbsent++;
      continue;
    }
    if (command.answeredEvents.length === 0 && events.length === 0) {
      okWroteNothing++;
      wroteNothingBy[command.name] = (wroteNothingBy[command.name] ?? 0) + 1;
    } else if (events.length === 0) {
      okMissing++;
      example(
        `${command.name} ${command.commandId}: answered 2xx with ${command.answeredEvents.length} events, none stored`,
      );
    } else if (
      executions(events) === 1 &&
      !sameTypes(
        events.map((e) => e.type),
        command.answeredEvents,
      )
    ) {
      okDiffering++;
      example(
        `${command.name} ${command.commandId}: stored ${sorted(events.map((e) => e.type)).join(', ')}; answered ${sorted(command.answeredEvents).join(', ')}`,
      );
    }
  }
  return {
    executedTwice,
    okMissing,
    okDiffering,
    okWroteNothing,
    wroteNothingBy,
    unansweredPresent,
    unansweredAbsent,
    repeatsByDesign,
    examples,
  };
}
