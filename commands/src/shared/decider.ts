/**
 * A decider is the pure heart of a module: `decide(command, state) → events`,
 * `evolve(state, event) → state`. No I/O, no clock, no randomness: the command carries the time
 * and any ids it needs, chosen at the edge.
 */
export interface Decider<Command, Event, State> {
  readonly initialState: State;
  decide(command: Command, state: State): readonly Event[];
  evolve(state: State, event: Event): State;
}

/** A broken domain rule. `rule` is a stable code the API returns with its 409. */
export class RuleViolation extends Error {
  override readonly name = 'RuleViolation';
  constructor(
    readonly rule: string,
    message: string,
    /** What the caller needs to act on it (ids, statuses; never personal data), sent with the 409. */
    readonly details: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
  }
}

/** Folds a stream's history into state. */
export function fold<Event, State>(
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
  events: readonly Event[],
): State {
  return events.reduce(decider.evolve, decider.initialState);
}
