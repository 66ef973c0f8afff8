/**
 * One module's projector as the production entrypoint composes it (Kafka → MongoDB read models,
 * Redis generations, personal fields decrypted), on the run's own topics and consumer group.
 */
import {
  KafkaBus,
  MasterKey,
  openKeyStore,
  openMongoReadStore,
  openRedisCache,
  projectorEnv,
  readEnv,
  runProcess,
  startProbeServer,
} from '@chartline/infra';
import { projectionFor, projectorReadinessChecks, startLiveProjector } from '@chartline/projections';
import { PARTITIONS, prefix, runTopics } from './run-topics.js';

await runProcess('projector', async () => {
  const env = readEnv(projectorEnv);
  const projection = projectionFor(env.PROJECTOR_MODULE);
  const keys = await openKeyStore(env.KEY_STORE_URL, MasterKey.parse(env.PERSONAL_DATA_MASTER_KEY));
  const readStore = await openMongoReadStore(env.MONGODB_URL);
  const cache = await openRedisCache(env.REDIS_URL);
  const bus = new KafkaBus({ brokers: env.KAFKA_BROKERS, clientId: `chartline-bench-projector-${projection.module}` });
  const projector = await startLiveProjector(projection, {
    bus,
    readStore,
    cache,
    keys,
    partitions: PARTITIONS,
    names: { ...runTopics(projection.module), groupId: `${prefix()}projector.${projection.module}` },
  });
  const probes = await startProbeServer({
    port: env.PORT,
    service: `projector-${projection.module}`,
    checks: projectorReadinessChecks({ bus, readStore, keys, cache }),
  });
  return {
    async stop() {
      await projector.stop();
      await probes.close();
      await Promise.allSettled([bus.close(), readStore.close(), cache.close(), keys.close()]);
    },
  };
});
