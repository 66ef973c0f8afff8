import { HttpProblem, uuidv7 } from '@chartline/infra';
import { completeHospitalMove, hospitalsModule } from '../hospitals/index.js';
import { type CommandDeps, executeCommand } from '../server/execute-command.js';
import type { MoveInProgress } from './placement.js';

/** The refusals that mean the move was completed already (by an earlier relay run): nothing to do. */
const ALREADY_DONE = new Set(['no-move-in-progress', 'move-version-mismatch']);

/**
 * The relay's completion of a move: HospitalMoveCompleted through the command pipeline (sealed,
 * hashed, checked against the placement stream's revision), as the relay.
 */
export function moveCompleter(deps: CommandDeps): (move: MoveInProgress) => Promise<void> {
  return async (move) => {
    try {
      await executeCommand(
        {
          module: hospitalsModule,
          spec: completeHospitalMove,
          body: completeHospitalMove.body.parse({ placementVersion: move.placementVersion }),
          hospitalId: move.hospitalId,
          actor: { id: 'relay', role: 'platform_admin' },
          correlationId: uuidv7(),
          commandId: uuidv7(),
          traceparent: null,
        },
        deps,
      );
    } catch (error) {
      const rule = error instanceof HttpProblem ? error.extensions.rule : undefined;
      if (typeof rule === 'string' && ALREADY_DONE.has(rule)) return;
      throw error;
    }
  };
}
