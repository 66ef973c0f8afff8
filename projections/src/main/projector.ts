import { parseArgs } from 'node:util';
import {
  configProblem,
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
import { createLogger, createMetricsRegistry, instrumentBus, instrumentCache } from '@chartline/infra/telemetry';
import { projections } from '../registry.js';
import { startLiveProjector } from '../wiring/live-projector.js';
import { projectorReadinessChecks } from '../wiring/readiness-checks.js';

/**
 * Production entrypoint: one module's projector (`npm run start:projector -- --module admissions`,
 * or PROJECTOR_MODULE). Scaled on its consumer group's lag, at most one pod per partition.
 */
await runProcess('projector', async () => {
  const { values } = parseArgs({ options: { module: { type: 'string' } }, strict: false });
  const fromArgs = typeof values.module === 'string' ? { PROJECTOR_MODULE: values.module } : {};
  const env = readEnv(projectorEnv, { ...process.env, ...fromArgs });
  const projection = projections[env.PROJECTOR_MODULE];
  if (!projection) {
    configProblem('PROJECTOR_MODULE', `no projection for this module; one of ${Object.keys(projections).join(', ')}`);
  }
  const log = createLogger({ service: `projector-${projection.module}`, level: env.LOG_LEVEL });
  const keys = await openKeyStore(env.KEY_STORE_URL, MasterKey.parse(env.PERSONAL_DATA_MASTER_KEY));
  const readStore = await openMongoReadStore(env.MONGODB_URL);
  const cache = instrumentCache(await openRedisCache(env.REDIS_URL));
  const metrics = createMetricsRegistry();
  const kafka = new KafkaBus({
    brokers: env.KAFKA_BROKERS,
    clientId: `chartline-projector-${projection.module}`,
    logger: log,
  });
  const bus = instrumentBus(kafka);
  const projector = await startLiveProjector(projection, { bus, readStore, cache, keys, observe: { metrics, log } });
  const probes = await startProbeServer({
    port: env.PORT,
    service: `projector-${projection.module}`,
    checks: projectorReadinessChecks({ bus, readStore, keys, cache }),
    registry: metrics,
  });
  log.info({ port: probes.port }, 'projector running');
  return {
    async stop() {
      await projector.stop();
      await probes.close();
      await Promise.allSettled([bus.close(), readStore.close(), cache.close(), keys.close()]);
    },
  };
});
