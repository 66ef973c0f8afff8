import {
  ConfigError,
  jwtOptions,
  MasterKey,
  openAnchorStore,
  openEventStore,
  openKeyStore,
  openMongoReadStore,
  openRedisCache,
  publicKeyFromPem,
  rateLimitRedis,
  readApiEnv,
  readEnv,
  runProcess,
  serveHttp,
} from '@chartline/infra';
import { createLogger, createMetricsRegistry } from '@chartline/infra/telemetry';

import { createReadApp } from '../server/app.js';
import { hospitalStatusFromEventStore } from '../server/hospital-status.js';

/** Production entrypoint: the read API and the auditors' API (`npm run start:read-api`), configured by env only. */
await runProcess('read-api', async () => {
  const env = readEnv(readApiEnv);
  const auth = jwtOptions(env);
  const log = createLogger({ service: 'read-api', level: env.LOG_LEVEL });
  const metrics = createMetricsRegistry();
  const eventStore = await openEventStore(env.EVENT_STORE_URL);
  // Opened so a wrong master key or an unreachable key store stops the process at start.
  const keyStore = await openKeyStore(env.KEY_STORE_URL, MasterKey.parse(env.PERSONAL_DATA_MASTER_KEY));
  const readStore = await openMongoReadStore(env.MONGODB_URL);
  const cache = await openRedisCache(env.REDIS_URL);
  // Rate-limit counters shared by every replica; while Redis is down each counts for itself.
  const limits = rateLimitRedis(env.REDIS_URL);
  // Anchors are optional: without them the anchor verification answers `not-configured`.
  if (env.ANCHOR_STORE_URL && !env.ANCHOR_PUBLIC_KEY) {
    throw new ConfigError([{ variable: 'ANCHOR_PUBLIC_KEY', message: 'missing (needed with ANCHOR_STORE_URL)' }]);
  }
  const anchorStore = env.ANCHOR_STORE_URL ? await openAnchorStore(env.ANCHOR_STORE_URL) : undefined;
  const anchors =
    anchorStore && env.ANCHOR_PUBLIC_KEY
      ? { store: anchorStore, publicKey: publicKeyFromPem(env.ANCHOR_PUBLIC_KEY) }
      : undefined;
  const app = createReadApp({
    readStore,
    eventStore,
    cache,
    auth,
    // Refuses tokens of hospitals not registered or suspended (cached, docs/operations.md).
    hospitalStatus: hospitalStatusFromEventStore(eventStore),
    logger: log,
    requestLog: log,
    metrics,
    ...(env.RATE_LIMIT_REQUESTS > 0
      ? {
          rateLimit: { requests: env.RATE_LIMIT_REQUESTS, windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS, redis: limits },
        }
      : {}),
    ...(anchors ? { anchors } : {}),
  });
  const http = await serveHttp(app, env.PORT, env.HOST);
  log.info({ port: http.port }, 'read API listening');
  return {
    async stop() {
      await http.close();
      limits.disconnect();
      await Promise.allSettled([
        cache.close(),
        readStore.close(),
        keyStore.close(),
        eventStore.close(),
        anchorStore?.close(),
      ]);
    },
  };
});
