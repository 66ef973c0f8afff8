import { parseArgs } from 'node:util';
import { configProblem, projectorEnv, readEnv, runProcess } from '@chartline/infra';
import { projections } from '../registry.js';
import { runProjectorProcess } from '../wiring/projector-process.js';

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
  return runProjectorProcess(projection, env, { clientId: `chartline-projector-${projection.module}` });
});
