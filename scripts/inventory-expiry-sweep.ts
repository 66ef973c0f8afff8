/**
 * npm run inventory:expiry-sweep [-- --date YYYY-MM-DD]
 *
 * The daily expiry sweep (run it on a schedule: the Kubernetes CronJob `inventory-expiry-sweep`,
 * every hour so each hospital's local midnight is met within the hour): sends `sweep-expiry` for
 * every stock point of every hospital through the command pipeline. Without --date each hospital's
 * own local today (its time zone, from its settings) is swept. Idempotent: a second run on the same
 * day raises nothing. Prints one JSON line per hospital; exits 1 when a stock point failed (the
 * others were still swept).
 */
import { envVars, MasterKey, openEventStore, openKeyStore, readEnv } from '@chartline/infra';
import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { sweepExpiryEverywhere } from '../commands/src/main/expiry-sweep.js';
import { commandModules } from '../commands/src/main/modules.js';
import { blindIndexer } from '../commands/src/server/blind-index.js';
import { eventRegistry } from '../commands/src/server/event-registry.js';
import { commandLine } from './ops/arguments.js';
import { runOneShot, UsageError } from './ops/one-shot.js';

/** What the job reads: the event store its commands append to, and the key store (as the command API). */
export const expirySweepEnv = z.object({
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

await runOneShot('inventory-expiry-sweep', 'npm run inventory:expiry-sweep [-- --date YYYY-MM-DD]', async () => {
  const env = readEnv(expirySweepEnv);
  const args = commandLine({ date: { type: 'string' } });
  if (args.date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(args.date))
    throw new UsageError('--date must be YYYY-MM-DD');
  const eventStore = await openEventStore(env.EVENT_STORE_URL);
  const keyStore = await openKeyStore(env.KEY_STORE_URL, MasterKey.parse(env.PERSONAL_DATA_MASTER_KEY));
  try {
    const swept = await sweepExpiryEverywhere(
      {
        eventStore,
        keyStore,
        events: eventRegistry(commandModules),
        clock: () => new Date(),
        newId: uuidv7,
        // No inventory command uses the blind index; a throwaway key keeps the pipeline's shape.
        blindIndex: blindIndexer(Buffer.alloc(32, 7)),
      },
      args.date ? { date: args.date } : {},
    );
    const byHospital = new Map<string, { stockPoints: number; raised: number; failed: string[] }>();
    for (const s of swept) {
      const line = byHospital.get(s.hospitalId) ?? { stockPoints: 0, raised: 0, failed: [] };
      line.stockPoints += 1;
      line.raised += s.raised;
      if (s.error) line.failed.push(`${s.locationId}.${s.itemId}: ${s.error}`);
      byHospital.set(s.hospitalId, line);
    }
    for (const [hospitalId, line] of byHospital) process.stdout.write(`${JSON.stringify({ hospitalId, ...line })}\n`);
    if (swept.some((s) => s.error)) throw new Error('some stock points were not swept; see the lines above');
  } finally {
    await Promise.allSettled([eventStore.close(), keyStore.close()]);
  }
});
