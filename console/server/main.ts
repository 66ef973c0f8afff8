import { resolve } from 'node:path';
import { runProcess, serveHttp } from '@chartline/infra';
import { createConsoleApp } from './app.js';
import { oidcConfigFromEnv } from './env.js';

/**
 * The console's production entrypoint (`node dist/console.mjs` in the image): the built assets,
 * /console-config.json for the OpenID Connect sign-in, and both APIs proxied under /api/*.
 * Configured only by environment variables (docs/operations.md, "The console").
 */
await runProcess('console', async () => {
  const env = oidcConfigFromEnv(process.env);
  const app = createConsoleApp({
    assetsDir: resolve(env.assetsDir),
    commandApiUrl: env.commandApiUrl,
    readApiUrl: env.readApiUrl,
    config: env.config,
  });
  const http = await serveHttp(app, env.port, env.host);
  process.stderr.write(`${JSON.stringify({ level: 'info', service: 'console', msg: 'listening', port: http.port })}\n`);
  return { stop: () => http.close(5_000) };
});
