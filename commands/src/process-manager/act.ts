import { HttpProblem } from '@chartline/infra';
import { currentTraceparent } from '@chartline/infra/telemetry';
import type { CommandModule } from '../server/command-module.js';
import { type CommandDeps, executeCommand } from '../server/execute-command.js';
import { loadStream } from '../server/load-streams.js';
import type { LoadedStream } from '../shared/command-spec.js';
import type { ProcessCommand, ProcessManager, StreamReader, TriggeringEvent } from './define.js';
import { derivedCommandId, derivedIds, processManagerActor } from './names.js';

/** What became of one command a process manager decided. */
export interface CommandResult {
  /** `<module>/<command>`, e.g. `admissions/discharge-patient`. */
  readonly command: string;
  readonly key: string;
  readonly commandId: string;
  /** `sent`: appended now; `duplicate`: it had already taken effect (a redelivered or replayed event). */
  readonly outcome: 'sent' | 'duplicate';
}

/** A command the process manager built that its own module's schema refuses: a bug, parked. */
export class InvalidProcessCommand extends Error {
  override readonly name = 'InvalidProcessCommand';
}

/** The rules refused a command even after re-reading the world and deciding again: parked with the rule. */
export class CommandRefused extends Error {
  override readonly name = 'CommandRefused';
  constructor(
    readonly command: string,
    readonly rule: string,
  ) {
    // Rule codes and command names only: PHI-free, so the reason may carry the message.
    super(`${command} refused: ${rule}`);
  }
}

/** A write raced it twice in a row: worth trying again, never worth parking at once. */
export class ConcurrentChange extends Error {
  override readonly name = 'ConcurrentChange';
}

/** How often the world is re-read and the reaction decided again when a command is refused. */
const ROUNDS = 3;

function checked(pm: ProcessManager, module: CommandModule, command: ProcessCommand): unknown {
  const name = `${command.spec.module}/${command.spec.name}`;
  if (!module.specs.includes(command.spec)) {
    throw new InvalidProcessCommand(`${name} is not a command of ${module.name}, the module of ${pm.name}`);
  }
  const parsed = command.spec.body.safeParse(command.body);
  if (!parsed.success) {
    // Paths only: a value could be personal.
    const paths = parsed.error.issues.map((issue) => issue.path.join('.') || '(body)');
    throw new InvalidProcessCommand(`${name}: body invalid at ${[...new Set(paths)].join(', ')}`);
  }
  return parsed.data;
}

/**
 * Reacts to one event through the command pipeline of the API (validation, load, decide, hash
 * chain, encryption, atomic append). Each command's id derives from the event and its key, and is
 * sent once-only: a command that already took effect is reported `duplicate` and writes nothing.
 * A refusal means the state `react` saw has moved (a nurse discharged the patient meanwhile), so
 * the world is read again and the reaction decided afresh; only a refusal that survives that is
 * an error (`CommandRefused`).
 */
export async function actOn(
  pm: ProcessManager,
  module: CommandModule,
  event: TriggeringEvent,
  deps: CommandDeps,
): Promise<readonly CommandResult[]> {
  const read: StreamReader = (ref) =>
    loadStream(ref, event.hospitalId, deps) as unknown as Promise<LoadedStream<never>>;
  const results = new Map<string, CommandResult>();
  for (let round = 1; ; round++) {
    const commands = pm.react(event, await pm.load(event, read));
    const keys = new Set<string>();
    let refused: CommandRefused | undefined;
    for (const command of commands) {
      if (keys.has(command.key)) throw new InvalidProcessCommand(`${pm.name}: two commands with key ${command.key}`);
      keys.add(command.key);
      const name = `${command.spec.module}/${command.spec.name}`;
      const commandId = derivedCommandId(pm, event.eventId, command.key);
      try {
        const outcome = await executeCommand(
          {
            module,
            spec: command.spec,
            body: checked(pm, module, command),
            hospitalId: event.hospitalId,
            actor: processManagerActor(pm),
            // The workflow the triggering event belongs to goes on; the command is its own cause.
            correlationId: event.correlationId,
            commandId,
            traceparent: currentTraceparent() ?? event.traceparent,
            onceOnly: true,
            newId: derivedIds(commandId),
          },
          deps,
        );
        if (!results.has(commandId)) {
          results.set(commandId, {
            command: name,
            key: command.key,
            commandId,
            outcome: outcome.alreadyApplied ? 'duplicate' : 'sent',
          });
        }
      } catch (error) {
        // A rule refused it: a conflict (409), or a record it names does not exist (404 with its rule).
        const refusedByRule =
          error instanceof HttpProblem && (error.status === 409 || (error.status === 404 && error.extensions.rule));
        if (!refusedByRule) throw error;
        if (error.code === 'concurrent-change') throw new ConcurrentChange(name, { cause: error });
        refused = new CommandRefused(name, error.extensions.rule ?? error.code);
        break;
      }
    }
    if (!refused) return [...results.values()];
    if (round >= ROUNDS) throw refused;
  }
}
