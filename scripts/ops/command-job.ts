/**
 * What every scheduled job that sends commands through the pipeline shares (the licence sweep, the
 * expiry sweep): its configuration, its `--date` argument, and the pipeline's dependencies opened
 * and closed around the job's own work.
 */
import { envVars, MasterKey, openEventStore, openKeyStore, readEnv } from '@chartline/infra';
import { z } from 'zod';
import { commandModules } from '../../commands/src/main/modules.js';
import { blindIndexer } from '../../commands/src/server/blind-index.js';
import { eventRegistry } from '../../commands/src/server/event-registry.js';
import { newRecordId } from '../../commands/src/server/request-context.js';
import { commandLine } from './arguments.js';
import { UsageError } from './one-shot.js';

/** What such a job reads: the event store its commands append to, and the key store (as the command API). */
export const commandJobEnv = z.object({
  EVENT_STORE_URL: envVars.eventStoreUrl.describe('Event store the job reads and appends to'),
  KEY_STORE_URL: z
    .string()
    .regex(/^(postgres|postgresql):\/\/|^sqlite:|^memory:/, 'must start with postgres://, sqlite: or memory:')
    .describe('Key store (as the command API)'),
  PERSONAL_DATA_MASTER_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
    .describe('Secret. As the command API'),
});

/** The pipeline's dependencies as a scheduled job gets them (the sweeps take this shape). */
export interface CommandJobDeps {
  readonly eventStore: Awaited<ReturnType<typeof openEventStore>>;
  readonly keyStore: Awaited<ReturnType<typeof openKeyStore>>;
  readonly events: ReturnType<typeof eventRegistry>;
  readonly clock: () => Date;
  readonly newId: () => string;
  readonly blindIndex: ReturnType<typeof blindIndexer>;
}

/** Reads the env and `--date`, opens the stores, runs the job, closes them whatever happened. */
export async function runCommandJob<T>(
  job: (deps: CommandJobDeps, options: { date?: string }) => Promise<T>,
): Promise<T> {
  const env = readEnv(commandJobEnv);
  const args = commandLine({ date: { type: 'string' } });
  if (args.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(args.date))
    throw new UsageError('--date must be YYYY-MM-DD');
  const eventStore = await openEventStore(env.EVENT_STORE_URL);
  const keyStore = await openKeyStore(env.KEY_STORE_URL, MasterKey.parse(env.PERSONAL_DATA_MASTER_KEY));
  try {
    const deps: CommandJobDeps = {
      eventStore,
      keyStore,
      events: eventRegistry(commandModules),
      clock: () => new Date(),
      newId: newRecordId,
      // No scheduled command uses the blind index; a throwaway key keeps the pipeline's shape.
      blindIndex: blindIndexer(Buffer.alloc(32, 7)),
    };
    return await job(deps, args.date ? { date: args.date } : {});
  } finally {
    await Promise.allSettled([eventStore.close(), keyStore.close()]);
  }
}
