import {
  commandApiEnv,
  jwtOptions,
  MasterKey,
  openEventStore,
  openKeyStore,
  openRedisIdempotencyStore,
  rateLimitRedis,
  readEnv,
  runProcess,
  serveHttp,
} from '@chartline/infra';
import { createLogger, createMetricsRegistry } from '@chartline/infra/telemetry';
import { createCommandApp } from '../server/app.js';
import { hospitalDirectory } from '../server/hospital-directory.js';

import { commandModules } from './modules.js';

/** Production entrypoint: the command API (`npm run start:command-api`), configured by env only. */
await runProcess('command-api', async () => {
  const env = readEnv(commandApiEnv);
  const auth = jwtOptions(env);
  const log = createLogger({ service: 'command-api', level: env.LOG_LEVEL });
  // Node's process metrics too (CPU, memory, event-loop lag): this registry is the pod's /metrics.
  const metrics = createMetricsRegistry();
  const eventStore = await openEventStore(env.EVENT_STORE_URL);
  const keyStore = await openKeyStore(env.KEY_STORE_URL, MasterKey.parse(env.PERSONAL_DATA_MASTER_KEY));
  const idempotency = await openRedisIdempotencyStore(env.REDIS_URL, { ttlSeconds: env.IDEMPOTENCY_TTL_SECONDS });
  // Rate-limit counters shared by every replica; while Redis is down each counts for itself.
  const limits = rateLimitRedis(env.REDIS_URL);
  const app = createCommandApp({
    eventStore,
    keyStore,
    idempotency,
    auth,
    modules: commandModules,
    // Refuses tokens of hospitals not registered or suspended; serves settings (cached, docs/operations.md).
    hospitals: hospitalDirectory(eventStore),
    blindIndexSecret: Buffer.from(env.BLIND_INDEX_KEY, 'base64'),
    kafkaPartitions: env.KAFKA_PARTITIONS,
    logger: log,
    requestLog: log,
    metrics,
    ...(env.RATE_LIMIT_REQUESTS > 0
      ? {
          rateLimit: { requests: env.RATE_LIMIT_REQUESTS, windowSeconds: env.RATE_LIMIT_WINDOW_SECONDS, redis: limits },
        }
      : {}),
  });
  const http = await serveHttp(app, env.PORT, env.HOST);
  log.info({ port: http.port }, 'command API listening');
  return {
    async stop() {
      await http.close();
      limits.disconnect();
      await Promise.allSettled([idempotency.close(), keyStore.close(), eventStore.close()]);
    },
  };
});
