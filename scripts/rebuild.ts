/**
 * npm run rebuild -- --module admissions
 *
 * Replays the event store into fresh collections through the module's live handlers, switches
 * reads to them when caught up (blue/green) and drops the old ones. Progress goes to stderr.
 * Reads EVENT_STORE_URL, MONGODB_URL, REDIS_URL (optional: bumps the cache after the switch),
 * KEY_STORE_URL and PERSONAL_DATA_MASTER_KEY (personal fields are decrypted as the projector does).
 */
import { parseArgs } from 'node:util';
import { envVars, readEnv } from '@chartline/infra';
import { type RebuildProgress, rebuildModule, revealWith } from '@chartline/projections';
import { openPipelineAdapters } from '@chartline/projections/wiring';
import { z } from 'zod';

const env = readEnv(
  z.object({
    EVENT_STORE_URL: envVars.eventStoreUrl,
    MONGODB_URL: envVars.mongodbUrl,
    REDIS_URL: envVars.redisUrl.optional(),
    KEY_STORE_URL: z.string().min(1),
    PERSONAL_DATA_MASTER_KEY: z.string().min(1),
  }),
);

const { values } = parseArgs({ options: { module: { type: 'string' }, 'page-size': { type: 'string' } } });
if (!values.module) {
  process.stderr.write('usage: npm run rebuild -- --module <patients|admissions> [--page-size 1000]\n');
  process.exit(2);
}

function bar(p: RebuildProgress): string {
  const width = 30;
  const ratio = p.head > 0 ? Math.min(1, p.position / p.head) : 1;
  const filled = Math.round(ratio * width);
  return `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.phase.padEnd(8)} ${p.events} events, position ${p.position}/${p.head}, ${Math.round(p.eventsPerSecond)} events/s`;
}

const adapters = await openPipelineAdapters({
  eventStore: env.EVENT_STORE_URL,
  mongodb: env.MONGODB_URL,
  ...(env.REDIS_URL ? { redis: env.REDIS_URL } : {}),
  keyStore: env.KEY_STORE_URL,
  masterKey: env.PERSONAL_DATA_MASTER_KEY,
});
try {
  const result = await rebuildModule(
    {
      store: adapters.store,
      readStore: adapters.readStore,
      reveal: revealWith(adapters.keys),
      ...(env.REDIS_URL ? { cache: adapters.cache } : {}),
      ...(values['page-size'] ? { pageSize: Number(values['page-size']) } : {}),
    },
    values.module,
    (p) => process.stderr.write(bar(p)),
  );
  process.stderr.write(
    `\nrebuilt ${result.module}: ${result.events} events; views ${Object.keys(result.replaced).join(', ')}\n`,
  );
} finally {
  await adapters.close();
}
