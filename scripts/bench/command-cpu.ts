/**
 * CPU per command of the command API, measured apart from wall-clock throughput (which a shared
 * machine makes meaningless): the API runs in its own process (`postgres`: the production
 * entrypoint on a throwaway PostgreSQL database with Redis idempotency; `embedded`: SQLite stores,
 * in-memory idempotency, scripts/bench/hosts/command-api-embedded.ts), the generated workload is
 * sent closed-loop over HTTP, and the API process's CPU (user + system, /proc) over the loop is
 * divided by the commands answered. With `--profile <dir>` the API runs under `node --cpu-prof`
 * and the top of the profile over the loop alone (start-up excluded) is printed.
 *
 * Run: `eval "$(scripts/services.sh env)"; npx tsx scripts/bench/command-cpu.ts [--store postgres|embedded]
 *       [--hospitals 8] [--days 2] [--clients 8] [--rounds 2] [--profile /tmp/prof]`
 * Each round is a fresh set of hospitals; the first warms the process up (JIT) and is not counted.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { tokenMinter } from '../generate/tokens.js';
import { generateWorkload } from '../generate/workload.js';
import { lanesBy, runClosedLoop } from './closed-loop.js';
import { createDatabase, dropDatabase } from './databases.js';
import { httpStepSender } from './http-steps.js';
import { type RunningChild, startChild } from './processes.js';
import { printProfileTop } from './profile-top.js';

const { values } = parseArgs({
  options: {
    store: { type: 'string', default: 'postgres' },
    hospitals: { type: 'string', default: '8' },
    days: { type: 'string', default: '2' },
    clients: { type: 'string', default: '8' },
    rounds: { type: 'string', default: '2' },
    profile: { type: 'string' },
  },
});

const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const issuer = 'chartline-bench';
const audience = 'chartline';
const secrets = {
  PERSONAL_DATA_MASTER_KEY: randomBytes(32).toString('base64'),
  BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
  JWT_ISSUER: issuer,
  JWT_AUDIENCE: audience,
  JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  RATE_LIMIT_REQUESTS: '0',
};
const nodeArgs = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [];
const tokenFor = tokenMinter({ privateKey, issuer, audience });

let api: RunningChild;
let cleanup: () => Promise<void>;
if (values.store === 'postgres') {
  const server = process.env['POSTGRES_URL'];
  const redis = process.env['REDIS_URL'];
  if (!server || !redis) throw new Error('needs POSTGRES_URL and REDIS_URL (eval "$(scripts/services.sh env)")');
  const dbName = `chartline_cmdcpu_${process.pid}_${Date.now()}`;
  const url = await createDatabase(server, dbName);
  api = await startChild(
    'command_api',
    'commands/src/main/command-api.ts',
    {
      ...secrets,
      EVENT_STORE_URL: url,
      KEY_STORE_URL: url,
      REDIS_URL: redis,
    },
    { nodeArgs },
  );
  cleanup = () => dropDatabase(server, dbName);
} else {
  const dataDir = mkdtempSync(join(tmpdir(), 'chartline-cmdcpu-'));
  api = await startChild(
    'command_api_embedded',
    'scripts/bench/hosts/command-api-embedded.ts',
    {
      ...secrets,
      DATA_DIR: dataDir,
    },
    { nodeArgs },
  );
  cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
}

const baseUrl = `http://127.0.0.1:${api.port}`;
const rounds = Number(values.rounds);
let measuredFrom = 0n;
let measuredTo = 0n;
try {
  for (let round = 0; round < rounds; round++) {
    const steps = generateWorkload({
      hospitals: Number(values.hospitals),
      days: Number(values.days),
      seed: `cmdcpu-${round}`,
      hospitalPrefix: `cmdcpu-${Date.now()}-${round}`,
    });
    const send = httpStepSender({ baseUrl, tokenFor, runId: `cmdcpu-${Date.now()}-${round}` });
    const indexed = steps.map((step, index) => ({ step, index }));
    const from = process.hrtime.bigint();
    const cpuBefore = cpuSplit(api);
    const ownBefore = process.cpuUsage();
    const result = await runClosedLoop(
      lanesBy(indexed, (s) => s.step.hospitalId),
      Number(values.clients),
      async ({ step, index }) => {
        await send(step, index);
      },
    );
    const cpuAfter = cpuSplit(api);
    const own = process.cpuUsage(ownBefore);
    const to = process.hrtime.bigint();
    const apiCpu = cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system;
    const apiSystem = cpuAfter.system - cpuBefore.system;
    const label = round === 0 && rounds > 1 ? 'warm-up' : 'measured';
    if (label === 'measured') {
      if (measuredFrom === 0n) measuredFrom = from;
      measuredTo = to;
    }
    console.log(`  window (CLOCK_MONOTONIC µs): ${from / 1000n} ${to / 1000n}`);
    console.log(
      `${values.store} round ${round} (${label}): ${result.done} ok, ${result.errors} failed, ` +
        `API CPU ${apiCpu} ms = ${(apiCpu / Math.max(1, result.done)).toFixed(2)} ms/command ` +
        `(of which system ${(apiSystem / Math.max(1, result.done)).toFixed(2)}) ` +
        `(load generator ${((own.user + own.system) / 1000 / Math.max(1, result.done)).toFixed(2)} ms/command), ` +
        `wall ${(result.millis / 1000).toFixed(1)} s (shared machine: wall figures mean little)`,
    );
  }
} finally {
  await api.stop();
  await cleanup();
}
if (values.profile) {
  const file = readdirSync(values.profile)
    // The main thread's (thread 0); tsx's loader thread writes its own.
    .filter((f) => /\.0\.\d+\.cpuprofile$/.test(f))
    .map((f) => join(values.profile!, f))
    .sort()
    .at(-1);
  // CLOCK_MONOTONIC in µs, the same clock V8's profile timestamps use on Linux.
  if (file) printProfileTop(file, { fromMicros: Number(measuredFrom / 1000n), toMicros: Number(measuredTo / 1000n) });
}

/** utime and stime of /proc/<pid>/stat, ms (USER_HZ 100). */
function cpuSplit(child: RunningChild): { user: number; system: number } {
  const stat = readFileSync(`/proc/${child.child.pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
}
