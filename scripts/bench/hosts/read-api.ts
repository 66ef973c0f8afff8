/**
 * The read API as its own process, for the bench only, until read-api/src/main/read-api.ts exists
 * (the bench prefers that entrypoint when it does). Same composition as production: MongoDB read
 * models, Redis cache-aside, the event store for consistency tokens, JWT auth.
 */
import {
  createProcessLogger,
  openEventStore,
  openMongoReadStore,
  openRedisCache,
  readApiEnv,
  readEnv,
  runProcess,
  serveHttp,
} from '@chartline/infra';
import { createReadApp } from '@chartline/read-api';

await runProcess('read-api', async () => {
  const env = readEnv(readApiEnv);
  const log = createProcessLogger('read-api', env.LOG_LEVEL);
  const eventStore = await openEventStore(env.EVENT_STORE_URL);
  const readStore = await openMongoReadStore(env.MONGODB_URL);
  const cache = await openRedisCache(env.REDIS_URL);
  const app = createReadApp({
    readStore,
    eventStore,
    cache,
    auth: { issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE, publicKey: env.JWT_PUBLIC_KEY ?? '' },
    logger: log,
  });
  const http = await serveHttp(app, env.PORT);
  return {
    async stop() {
      await http.close();
      await Promise.allSettled([cache.close(), readStore.close(), eventStore.close()]);
    },
  };
});
