import { parseArgs } from 'node:util';
import { configProblem, processManagerEnv, readEnv, runProcess } from '@chartline/infra';
import { runProcessManagerProcess } from '../process-manager/process.js';
import { commandModules } from './modules.js';
import { isProcessManagerName, processManagers } from './process-managers.js';

/**
 * Production entrypoint: one process manager (`npm run start:process-manager -- --name
 * admissions.discharge-on-death`, or PROCESS_MANAGER). Scaled on its consumer group's lag, at most
 * one pod per partition.
 */
await runProcess('process-manager', async () => {
  const { values } = parseArgs({ options: { name: { type: 'string' } }, strict: false });
  const fromArgs = typeof values.name === 'string' ? { PROCESS_MANAGER: values.name } : {};
  const env = readEnv(processManagerEnv, { ...process.env, ...fromArgs });
  // `admissions/discharge-on-death` is accepted too: it is how the module folder names it.
  const name = env.PROCESS_MANAGER.replace('/', '.');
  if (!isProcessManagerName(name)) {
    configProblem('PROCESS_MANAGER', `no such process manager; one of ${Object.keys(processManagers).join(', ')}`);
  }
  const { processManager, module } = processManagers[name];
  return runProcessManagerProcess(processManager, env, { module, allModules: commandModules });
});
