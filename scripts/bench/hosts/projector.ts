/**
 * One module's projector exactly as the production entrypoint composes it, but on the run's own
 * topics and consumer group (a shared Kafka must not split partitions with someone else's run).
 */
import { projectorEnv, readEnv, runProcess } from '@chartline/infra';
import { projectionFor, runProjectorProcess } from '@chartline/projections';
import { PARTITIONS, prefix, runTopics } from './run-topics.js';

await runProcess('projector', async () => {
  const env = readEnv(projectorEnv);
  const projection = projectionFor(env.PROJECTOR_MODULE);
  return runProjectorProcess(projection, env, {
    clientId: `chartline-bench-projector-${projection.module}`,
    partitions: PARTITIONS,
    names: { ...runTopics(projection.module), groupId: `${prefix()}projector.${projection.module}` },
  });
});
