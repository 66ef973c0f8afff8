import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultAssetsDir, ensureConsoleBuilt } from '@chartline/console/server';
import { runProcess } from '@chartline/infra';
import { createLogger } from '@chartline/infra/telemetry';
import { DEMO_HOSPITALS, demoReferences, registerDemoHospitals, seedDemoHospitals } from './seed/demo-hospitals.js';
import { banner } from './start/banner.js';
import { startEmbeddedConsole } from './start/console.js';
import { DEMO_ROLES, startEmbedded } from './start/embedded.js';
import { commandStartedAt } from './start/started-at.js';

/**
 * `npm start`: all of Chartline in one process with nothing installed but Node. Options (flags, not
 * env: the production processes read env, this one is for laptops):
 *   --data-dir .data   --command-port 8080   --read-port 8081   --console-port 8082   --host 127.0.0.1
 */
const { values } = parseArgs({
  options: {
    'data-dir': { type: 'string', default: '.data' },
    'command-port': { type: 'string', default: '8080' },
    'read-port': { type: 'string', default: '8081' },
    'console-port': { type: 'string', default: '8082' },
    host: { type: 'string', default: '127.0.0.1' },
  },
});

const LOG_LEVEL = process.env['LOG_LEVEL'] ?? 'info';

await runProcess('chartline', async () => {
  const started = commandStartedAt();
  // The banner goes to stdout, the request log (JSON lines, as in production) to stderr, so
  // `npm start 2>chartline.log` keeps them apart.
  const requestLog = createLogger({ service: 'chartline', level: LOG_LEVEL, destination: process.stderr });
  const dataDir = resolve(values['data-dir']);
  const say = (line: string) => process.stdout.write(`${line}\n`);
  say(`Starting Chartline from ${dataDir}`);
  // Built once if missing, alongside the rest of the start (see scripts/start/console.ts).
  const stopBuilding = new AbortController();
  const consoleAssets = ensureConsoleBuilt(defaultAssetsDir, say, stopBuilding.signal);
  consoleAssets.catch(() => {}); // reported by the console's server
  const chartline = await startEmbedded({
    dataDir,
    commandPort: Number(values['command-port']),
    readPort: Number(values['read-port']),
    host: values.host,
    log: say,
    requestLog,
    // The production default (RATE_LIMIT_REQUESTS per RATE_LIMIT_WINDOW_SECONDS), counted in process.
    rateLimit: { requests: 1200, windowSeconds: 60 },
  });
  if (chartline.eventsAtStart === 0) {
    say(`  first run: seeding the demo hospitals ${DEMO_HOSPITALS.join(' and ')} through the command API…`);
    const seeded = await seedDemoHospitals(chartline.commandUrl, chartline.mint);
    say(`  seeded: ${seeded.commands} commands in ${seeded.millis} ms`);
  } else {
    say(`  kept ${chartline.eventsAtStart} events from the previous run`);
    // Data seeded before hospitals were registered: register them now, or their tokens are refused.
    const registered = await registerDemoHospitals(chartline.commandUrl, chartline.mint);
    if (registered.length > 0) say(`  registered the demo hospitals ${registered.join(' and ')} (older data)`);
  }
  const tokens: Record<string, string> = {};
  for (const role of DEMO_ROLES) {
    tokens[role] = await chartline.mint({ sub: `demo-${role.replaceAll('_', '-')}`, role, hospitals: DEMO_HOSPITALS });
  }
  // The console, with the same demo tokens behind its role picker (dev mode: the embedded start only).
  const webConsole = await startEmbeddedConsole({
    commandUrl: chartline.commandUrl,
    readUrl: chartline.readUrl,
    port: Number(values['console-port']),
    host: values.host,
    hospitals: DEMO_HOSPITALS,
    tokens,
    log: say,
    assetsReady: consoleAssets,
  });
  say(
    banner({
      commandUrl: chartline.commandUrl,
      readUrl: chartline.readUrl,
      consoleUrl: webConsole.url,
      dataDir,
      hospitals: DEMO_HOSPITALS,
      tokens,
      refs: await demoReferences(chartline.store, chartline.readStore),
      runTag: Date.now().toString(36),
      logs: `stderr, one JSON line per request (LOG_LEVEL=${LOG_LEVEL}; \`npm start 2>chartline.log\` keeps them apart)`,
    }),
  );
  say(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s (since the command started).`);
  return {
    async stop() {
      stopBuilding.abort();
      await webConsole.stop();
      await chartline.stop();
    },
  };
});
