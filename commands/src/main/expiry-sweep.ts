import { HttpProblem, uuidv7 } from '@chartline/infra';
import { inventoryModule, sweepExpiry } from '../inventory/index.js';
import { type CommandDeps, executeCommand } from '../server/execute-command.js';

/** Who the daily sweep's events are recorded as (no person: the schedule). */
export const EXPIRY_SWEEP_ACTOR = { id: 'job:inventory-expiry-sweep', role: 'scheduler' } as const;

export interface StockPointSwept {
  readonly hospitalId: string;
  readonly itemId: string;
  readonly locationId: string;
  /** Events raised now (0 when the sweep already ran that day). */
  readonly raised: number;
  /** A refusal or failure (rule or error class), never personal data. */
  readonly error?: string;
}

/**
 * The daily expiry sweep of every stock point of every hospital (the CronJob
 * `inventory-expiry-sweep`): the stock points come from each hospital's `stockRegister` stream,
 * and each one gets a `sweep-expiry` command through the same pipeline as the API, without a
 * date, so each hospital's own local today (its time zone, from its settings) is swept. Idempotent:
 * a second run on the same day raises nothing. One stock point failing does not stop the others.
 */
export async function sweepExpiryEverywhere(
  deps: CommandDeps,
  options: { readonly date?: string; readonly hospitalIds?: readonly string[] } = {},
): Promise<StockPointSwept[]> {
  const points = await deps.eventStore.readAll({
    filter: { streamPrefixes: ['stockRegister-'], eventTypePrefixes: ['inventory.StockPointRegistered'] },
  });
  const results: StockPointSwept[] = [];
  for (const record of points) {
    const hospitalId = String(record.metadata['hospitalId']);
    if (options.hospitalIds && !options.hospitalIds.includes(hospitalId)) continue;
    const itemId = String(record.data['itemId']);
    const locationId = String(record.data['locationId']);
    const commandId = uuidv7();
    try {
      const outcome = await executeCommand(
        {
          module: inventoryModule,
          spec: sweepExpiry,
          body: sweepExpiry.body.parse({ itemId, locationId, ...(options.date ? { date: options.date } : {}) }),
          hospitalId,
          actor: EXPIRY_SWEEP_ACTOR,
          correlationId: commandId,
          commandId,
          traceparent: null,
        },
        deps,
      );
      results.push({ hospitalId, itemId, locationId, raised: outcome.events.length });
    } catch (error) {
      const why =
        error instanceof HttpProblem
          ? (error.extensions.rule ?? error.code)
          : error instanceof Error
            ? error.name
            : 'Error';
      results.push({ hospitalId, itemId, locationId, raised: 0, error: why });
    }
  }
  return results;
}
