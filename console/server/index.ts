export { COMMAND_API_PREFIX, type ConsoleAppOptions, createConsoleApp, READ_API_PREFIX } from './app.js';
export { consoleRoot, defaultAssetsDir, ensureConsoleBuilt } from './build.js';
export { type ConsoleEnv, ConsoleEnvError, oidcConfigFromEnv } from './env.js';
