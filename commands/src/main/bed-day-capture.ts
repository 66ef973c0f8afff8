import { HttpProblem, uuidv7 } from '@chartline/infra';
import { billingModule, billingSpecs } from '../billing/index.js';
import { type CommandDeps, executeCommand } from '../server/execute-command.js';

/** Who the nightly bed-day capture's events are recorded as (no person: the schedule). */
export const BED_DAY_CAPTURE_ACTOR = { id: 'job:billing-capture-bed-days', role: 'scheduler' } as const;

export interface StayAccountCaptured {
  readonly hospitalId: string;
  readonly accountId: string;
  /** Nights charged now (0 when they were charged before: the run is idempotent). */
  readonly charged: number;
  /** A refusal or failure (rule or error class), never personal data. */
  readonly error?: string;
}

/**
 * The nightly bed-day capture (the CronJob `billing-capture-bed-days`): every stay account still in
 * hospital (opened by charge capture at admission, no discharge recorded) gets `capture-bed-days`
 * through the same pipeline as the API, `through` the run's instant, so each night completed by
 * then (a local midnight in the hospital's time zone) is charged once. Nights already charged — by
 * an earlier run, a transfer or the discharge — are not charged again: a run may repeat, or run
 * every hour. A `no-price-in-force` refusal (no bed-day price for the ward's specialty) is reported
 * for that account and the others are still captured.
 */
export async function captureBedDaysEverywhere(
  deps: CommandDeps,
  options: { readonly hospitalIds?: readonly string[] } = {},
): Promise<StayAccountCaptured[]> {
  const records = await deps.eventStore.readAll({
    filter: {
      streamPrefixes: ['account-'],
      eventTypePrefixes: ['billing.AccountOpened', 'billing.StayDischargeRecorded'],
    },
  });
  const inHospital = new Map<string, { hospitalId: string; accountId: string }>();
  for (const record of records) {
    const hospitalId = String(record.metadata['hospitalId']);
    const accountId = String(record.data['accountId']);
    const key = `${hospitalId}/${accountId}`;
    if (record.type === 'billing.StayDischargeRecorded') inHospital.delete(key);
    else if (record.data['kind'] === 'inpatient') inHospital.set(key, { hospitalId, accountId });
  }
  const through = deps.clock().toISOString();
  const results: StayAccountCaptured[] = [];
  for (const { hospitalId, accountId } of inHospital.values()) {
    if (options.hospitalIds && !options.hospitalIds.includes(hospitalId)) continue;
    const commandId = uuidv7();
    try {
      const outcome = await executeCommand(
        {
          module: billingModule,
          spec: billingSpecs.captureBedDays,
          body: billingSpecs.captureBedDays.body.parse({ accountId, through }),
          hospitalId,
          actor: BED_DAY_CAPTURE_ACTOR,
          correlationId: commandId,
          commandId,
          traceparent: null,
        },
        deps,
      );
      results.push({ hospitalId, accountId, charged: outcome.events.length });
    } catch (error) {
      const why =
        error instanceof HttpProblem
          ? String(error.extensions['rule'] ?? error.code)
          : error instanceof Error
            ? error.name
            : 'Error';
      results.push({ hospitalId, accountId, charged: 0, error: why });
    }
  }
  return results;
}
