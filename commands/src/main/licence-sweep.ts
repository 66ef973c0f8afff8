import { HttpProblem, uuidv7 } from '@chartline/infra';
import { hrModule, sweepLicences } from '../hr/index.js';
import { type CommandDeps, executeCommand } from '../server/execute-command.js';

/** Who the daily licence sweep's events are recorded as (no person: the schedule). */
export const LICENCE_SWEEP_ACTOR = { id: 'job:hr-licence-sweep', role: 'scheduler' } as const;

export interface HospitalLicencesSwept {
  readonly hospitalId: string;
  /** Events raised now (0 when the sweep already ran for that day). */
  readonly raised: number;
  /** A refusal or failure (rule or error class), never personal data. */
  readonly error?: string;
}

/**
 * The daily licence sweep of every hospital with licences on its register (the CronJob
 * `hr-licence-sweep`): one `sweep-licences` command per hospital through the same pipeline as the
 * API, for `date` or, by default, for each hospital's own today (its local date in its time zone,
 * from its settings: a hospital in Auckland starts its day 13 hours before UTC's). Idempotent: a
 * second run for the same day raises nothing.
 * One hospital failing does not stop the others.
 */
export async function sweepLicencesEverywhere(
  deps: CommandDeps,
  options: { readonly date?: string } = {},
): Promise<HospitalLicencesSwept[]> {
  const tracked = await deps.eventStore.readAll({
    filter: { streamPrefixes: ['licenceRegister-'], eventTypePrefixes: ['hr.LicenceTracked'] },
  });
  const hospitals = [...new Set(tracked.map((r) => String(r.metadata['hospitalId'])))].sort();
  const results: HospitalLicencesSwept[] = [];
  for (const hospitalId of hospitals) {
    const commandId = uuidv7();
    try {
      const outcome = await executeCommand(
        {
          module: hrModule,
          spec: sweepLicences,
          body: sweepLicences.body.parse(options.date ? { asOf: options.date } : {}),
          hospitalId,
          actor: LICENCE_SWEEP_ACTOR,
          correlationId: commandId,
          commandId,
          traceparent: null,
        },
        deps,
      );
      results.push({ hospitalId, raised: outcome.events.length });
    } catch (error) {
      const why =
        error instanceof HttpProblem
          ? String(error.extensions['rule'] ?? error.code)
          : error instanceof Error
            ? error.name
            : 'Error';
      results.push({ hospitalId, raised: 0, error: why });
    }
  }
  return results;
}
