import {
  envVars,
  MasterKey,
  openEventStore,
  openKeyStore,
  projectorEnv,
  readEnv,
  replayErasures,
} from '@chartline/infra';
import { z } from 'zod';
import { runOneShot } from './ops/one-shot.js';

/**
 * npm run keys:replay-erasures
 *
 * After restoring the key store from a backup older than some erasures: deletes again the data key
 * of every subject an erasure event in the event store erased (docs/operations.md, "Backing up and
 * restoring the event store"). Run it before the processes serve reads. Idempotent.
 * Reads EVENT_STORE_URL, KEY_STORE_URL and PERSONAL_DATA_MASTER_KEY.
 */
await runOneShot('replay-erasures', 'npm run keys:replay-erasures', async () => {
  const env = readEnv(
    z.object({
      EVENT_STORE_URL: envVars.eventStoreUrl,
      KEY_STORE_URL: projectorEnv.shape.KEY_STORE_URL,
      PERSONAL_DATA_MASTER_KEY: projectorEnv.shape.PERSONAL_DATA_MASTER_KEY,
    }),
  );
  const store = await openEventStore(env.EVENT_STORE_URL);
  const keys = await openKeyStore(env.KEY_STORE_URL, MasterKey.parse(env.PERSONAL_DATA_MASTER_KEY));
  try {
    const result = await replayErasures(store, keys);
    process.stderr.write(`replayed ${result.erasures} erasures up to position ${result.position}\n`);
  } finally {
    await Promise.allSettled([store.close(), keys.close()]);
  }
});
