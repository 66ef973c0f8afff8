import { projectedModuleNames } from '@chartline/events';
/**
 * npm run rebuild -- --module admissions [--page-size 1000] [--collection-prefix <p>]
 *
 * Replays the event store into fresh collections through the module's live handlers, switches
 * reads to them when caught up (blue/green) and drops the old ones. Progress goes to stderr.
 * Reads EVENT_STORE_URL, MONGODB_URL, REDIS_URL (optional: bumps the cache after the switch),
 * KEY_STORE_URL and PERSONAL_DATA_MASTER_KEY (personal fields are decrypted as the projector does).
 */
import { envVars, projectorEnv, readEnv } from '@chartline/infra';
import { type RebuildProgress, rebuildModule, revealWith } from '@chartline/projections';
import { openPipelineAdapters } from '@chartline/projections/wiring';
import { z } from 'zod';
import { commandLine, moduleArgument, positiveIntegerArgument } from './ops/arguments.js';
import { runOneShot } from './ops/one-shot.js';

const USAGE = `npm run rebuild -- --module <${projectedModuleNames.join('|')}> [--page-size 1000] [--collection-prefix <p>]`;

function bar(p: RebuildProgress): string {
  const width = 30;
  const ratio = p.head > 0 ? Math.min(1, p.position / p.head) : 1;
  const filled = Math.round(ratio * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.phase.padEnd(8)} ${p.events} events, position ${p.position}/${p.head}, ${Math.round(p.eventsPerSecond)} events/s`;
}

await runOneShot('rebuild', USAGE, async () => {
  const env = readEnv(
    z.object({
      EVENT_STORE_URL: envVars.eventStoreUrl,
      MONGODB_URL: envVars.mongodbUrl,
      REDIS_URL: envVars.redisUrl.optional(),
      KEY_STORE_URL: projectorEnv.shape.KEY_STORE_URL,
      PERSONAL_DATA_MASTER_KEY: projectorEnv.shape.PERSONAL_DATA_MASTER_KEY,
    }),
  );
  const args = commandLine({
    module: { type: 'string' },
    'page-size': { type: 'string' },
    'collection-prefix': { type: 'string' },
  });
  const module = moduleArgument(args.module);
  const pageSize = positiveIntegerArgument('page-size', args['page-size'], 1_000);
  // A terminal gets one bar redrawn in place; a log (a Kubernetes Job, a pipe) one line per page.
  const show = process.stderr.isTTY
    ? (p: RebuildProgress) => process.stderr.write(`\r${bar(p)}`)
    : (p: RebuildProgress) => process.stderr.write(`${bar(p)}\n`);

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
        ...(args['collection-prefix'] ? { prefix: args['collection-prefix'] } : {}),
        pageSize,
      },
      module,
      show,
    );
    if (process.stderr.isTTY) process.stderr.write('\n');
    process.stderr.write(
      `rebuilt ${result.module}: ${result.events} events up to position ${result.position}; views ${Object.keys(result.replaced).join(', ')} switched, old collections dropped${env.REDIS_URL ? ', cache generations bumped' : ''}\n`,
    );
  } finally {
    await adapters.close();
  }
});
