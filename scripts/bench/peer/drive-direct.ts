import { createMemoryKeyStore, type EventStore, type KeyStore } from '@chartline/infra';
import { v7 as uuidv7 } from 'uuid';
import { commandModules } from '../../../commands/src/main/modules.js';
import { blindIndexer } from '../../../commands/src/server/blind-index.js';
import { eventRegistry } from '../../../commands/src/server/event-registry.js';
import { type CommandDeps, executeCommand } from '../../../commands/src/server/execute-command.js';
import { keepAnsweredIds, resolveBody, type SentBody } from '../../generate/send-step.js';
import type { WorkloadStep } from '../../generate/workload.js';
import { lanesBy, runClosedLoop } from '../closed-loop.js';
import { perSecond } from '../stats.js';

export interface DirectRun {
  readonly commands: number;
  readonly errors: number;
  readonly millis: number;
  readonly commandsPerSecond: number | null;
  /** First few refusals (code only), so a broken run says why. */
  readonly firstErrors: readonly string[];
}

/** The command pipeline's dependencies for the benches that run it without HTTP. */
export function benchCommandDeps(eventStore: EventStore, keyStore: KeyStore = createMemoryKeyStore()): CommandDeps {
  return {
    eventStore,
    keyStore,
    events: eventRegistry(commandModules),
    clock: () => new Date(),
    newId: uuidv7,
    blindIndex: blindIndexer('bench-blind-index-secret'),
  };
}

/**
 * Runs generated steps through the command pipeline without HTTP (validate the body, load, decide,
 * hash, encrypt, append) on the given store: `clients` hospitals side by side, each in order.
 * The peer comparison runs this on our PostgreSQL store and on Emmett's with everything else equal.
 */
export async function driveDirect(
  steps: readonly WorkloadStep[],
  store: EventStore,
  clients: number,
  /** Where personal-data keys go (default a fresh in-memory one): the scale bench reads them back. */
  keyStore: KeyStore = createMemoryKeyStore(),
): Promise<DirectRun> {
  const deps = benchCommandDeps(store, keyStore);
  const ids = new Map<string, string>();
  const firstErrors: string[] = [];
  const send = async (step: WorkloadStep) => {
    const module = commandModules.find((m) => m.name === step.module);
    const spec = module?.specs.find((s) => s.name === step.command);
    if (!module || !spec) throw new Error(`no command ${step.module}/${step.command}`);
    let body: SentBody;
    try {
      body = resolveBody(step.body, ids);
    } catch {
      throw new Error('an earlier step failed');
    }
    try {
      const outcome = await executeCommand(
        {
          module,
          spec,
          body: spec.body.parse(body),
          hospitalId: step.hospitalId,
          actor: { id: `bench-${step.role}`, role: step.role },
          // A witnessed step (a controlled substance issued, a disposal) carries its witness, as the
          // HTTP edge would after verifying X-Witness-Authorization: another person than the sender.
          ...(step.witnessRole === undefined
            ? {}
            : { witness: { id: `bench-witness-${step.witnessRole}`, role: step.witnessRole } }),
          correlationId: uuidv7(),
          commandId: uuidv7(),
          traceparent: null,
        },
        deps,
      );
      keepAnsweredIds(ids, step, { id: outcome.id, created: outcome.createdIds });
    } catch (error) {
      if (firstErrors.length < 5)
        firstErrors.push(`${step.command}: ${error instanceof Error ? error.message : String(error)}`);
      throw error;
    }
  };
  const run = await runClosedLoop(
    lanesBy(steps, (s) => s.hospitalId),
    clients,
    send,
  );
  return {
    commands: run.done,
    errors: run.errors,
    millis: run.millis,
    commandsPerSecond: perSecond(run.done, run.millis),
    firstErrors,
  };
}
