import { parseArgs } from 'node:util';
import { isProjectedModuleName, projectedModuleNames } from '@chartline/events';
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
  const module = env.PROJECTOR_MODULE;
  if (!isProjectedModuleName(module)) {
    configProblem('PROJECTOR_MODULE', `no projection for this module; one of ${projectedModuleNames.join(', ')}`);
  }
  const projection = projections[module];
  return runProjectorProcess(projection, env, { clientId: `chartline-projector-${projection.module}` });
});
