/**
 * The projectors (one per module) as a child process for the fault test: Kafka → MongoDB, Redis
 * generations, personal fields decrypted with the PostgreSQL key store. Killed with SIGKILL
 * mid-stream, then started again under the same consumer groups.
 */
import { KafkaBus, MasterKey, openMongoReadStore, openPostgresKeyStore, openRedisCache } from '@chartline/infra';
import { decodeMessage, liveNaming, projectionFor, revealWith, startProjector } from '@chartline/projections';
import { modulesFromEnv, optional, report, required, runTopics } from './child-env.js';

const prefix = optional('TOPIC_PREFIX') ?? '';
const groupPrefix = required('GROUP_PREFIX');
// A short session: the member killed with SIGKILL leaves the group after seconds, not 30 s. Not too
// short: kafkajs heartbeats between batches, so a batch slower than the session (FerretDB with
// large collections) gets the member evicted and the batch redelivered, over and over.
const bus = new KafkaBus({
  brokers: required('KAFKA_BROKERS'),
  clientId: 'fault-projector',
  sessionTimeoutMs: Number(optional('SESSION_TIMEOUT_MS') ?? 10_000),
  heartbeatIntervalMs: 500,
});
const readStore = await openMongoReadStore(required('MONGODB_URL'));
const redisUrl = optional('REDIS_URL');
const cache = redisUrl ? await openRedisCache(redisUrl) : undefined;
const keys = await openPostgresKeyStore(required('KEY_STORE_URL'), MasterKey.parse(required('MASTER_KEY')));

const projectors = await Promise.all(
  modulesFromEnv().map((module) =>
    startProjector({
      bus,
      projection: projectionFor(module),
      decode: decodeMessage,
      ...runTopics(prefix, module),
      groupId: `${groupPrefix}${module}`,
      partitions: Number(optional('PARTITIONS') ?? 3),
      readStore,
      naming: liveNaming(required('COLLECTION_PREFIX')),
      reveal: revealWith(keys),
      ...(cache ? { cache } : {}),
      backoff: { initialMs: 20, maxMs: 500 },
      onParked: (reason) => report({ parked: module, reason }),
      onRetry: (error, attempt, transient) =>
        report({ retry: module, attempt, transient, error: error instanceof Error ? error.name : 'error' }),
      onBatch: (events, millis) => report({ batch: module, events, millis }),
    }),
  ),
);
report({ ready: 'projector' });

process.on('SIGTERM', async () => {
  await Promise.allSettled(projectors.map((p) => p.stop()));
  await Promise.allSettled([bus.close(), readStore.close(), keys.close(), ...(cache ? [cache.close()] : [])]);
  process.exit(0);
});
