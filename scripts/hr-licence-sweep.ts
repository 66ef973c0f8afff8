/**
 * npm run hr:licence-sweep [-- --date YYYY-MM-DD]
 *
 * The daily licence sweep (run it on a schedule: the Kubernetes CronJob `hr-licence-sweep`): sends
 * `sweep-licences` for every hospital with licences on its register through the command pipeline,
 * for the given day (default: today, UTC). Idempotent: a second run for the same day raises
 * nothing. Prints one JSON line per hospital; exits 1 when a hospital failed (the others were swept).
 */
import { envVars, MasterKey, openEventStore, openKeyStore, readEnv } from '@chartline/infra';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { sweepLicencesEverywhere } from '../commands/src/main/licence-sweep.js';
import { commandModules } from '../commands/src/main/modules.js';
import { blindIndexer } from '../commands/src/server/blind-index.js';
import { eventRegistry } from '../commands/src/server/event-registry.js';
import { commandLine } from './ops/arguments.js';
import { runOneShot, UsageError } from './ops/one-shot.js';

/** What the job reads: the event store its commands append to, and the key store (as the command API). */
export const licenceSweepEnv = z.object({
  EVENT_STORE_URL: envVars.eventStoreUrl.describe('Event store the sweep reads and appends to'),
  KEY_STORE_URL: z
    .string()
    .regex(/^(postgres|postgresql):\/\/|^sqlite:|^memory:/, 'must start with postgres://, sqlite: or memory:')
    .describe('Key store (as the command API)'),
  PERSONAL_DATA_MASTER_KEY: z
    .string()
    .refine((v) => Buffer.from(v, 'base64').length === 32, 'must be 32 bytes, base64-encoded')
    .describe('Secret. As the command API'),
});

await runOneShot('hr-licence-sweep', 'npm run hr:licence-sweep [-- --date YYYY-MM-DD]', async () => {
  const env = readEnv(licenceSweepEnv);
  const args = commandLine({ date: { type: 'string' } });
  if (args.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(args.date))
    throw new UsageError('--date must be YYYY-MM-DD');
  const eventStore = await openEventStore(env.EVENT_STORE_URL);
  const keyStore = await openKeyStore(env.KEY_STORE_URL, MasterKey.parse(env.PERSONAL_DATA_MASTER_KEY));
  try {
    const swept = await sweepLicencesEverywhere(
      {
        eventStore,
        keyStore,
        events: eventRegistry(commandModules),
        clock: () => new Date(),
        newId: uuidv7,
        // No HR command uses the blind index; a throwaway key keeps the pipeline's shape.
        blindIndex: blindIndexer(Buffer.alloc(32, 7)),
      },
      args.date ? { date: args.date } : {},
    );
    for (const s of swept) process.stdout.write(`${JSON.stringify(s)}\n`);
    if (swept.some((s) => s.error)) throw new Error('some hospitals were not swept; see the lines above');
  } finally {
    await Promise.allSettled([eventStore.close(), keyStore.close()]);
  }
});
