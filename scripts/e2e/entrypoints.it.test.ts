import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { freePort } from '@chartline/infra';
import { expect } from 'chai';
import { cleanEnv, spawnTs } from './spawned.js';

/**
 * Each production entrypoint refuses to start on a missing or malformed variable: exit 1 and a
 * message naming the variable, never echoing its value (it may be a secret). No server is needed:
 * configuration is read before anything is opened.
 */
const key = randomBytes(32).toString('base64');
const publicKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .publicKey.export({ type: 'spki', format: 'pem' })
  .toString();
const valid = {
  'command-api': {
    EVENT_STORE_URL: 'memory:',
    KEY_STORE_URL: 'memory:',
    PERSONAL_DATA_MASTER_KEY: key,
    BLIND_INDEX_KEY: key,
    JWT_ISSUER: 'iss',
    JWT_AUDIENCE: 'aud',
    JWT_PUBLIC_KEY: publicKey,
    REDIS_URL: 'redis://127.0.0.1:1',
  },
  relay: { EVENT_STORE_URL: 'memory:', KAFKA_BROKERS: '127.0.0.1:1' },
  projector: {
    PROJECTOR_MODULE: 'admissions',
    KEY_STORE_URL: 'memory:',
    PERSONAL_DATA_MASTER_KEY: key,
    KAFKA_BROKERS: '127.0.0.1:1',
    MONGODB_URL: 'mongodb://127.0.0.1:1/x',
    REDIS_URL: 'redis://127.0.0.1:1',
  },
  'process-manager': {
    PROCESS_MANAGER: 'admissions.discharge-on-death',
    EVENT_STORE_URL: 'memory:',
    KEY_STORE_URL: 'memory:',
    PERSONAL_DATA_MASTER_KEY: key,
    BLIND_INDEX_KEY: key,
    KAFKA_BROKERS: '127.0.0.1:1',
  },
  'read-api': {
    EVENT_STORE_URL: 'memory:',
    KEY_STORE_URL: 'memory:',
    PERSONAL_DATA_MASTER_KEY: key,
    JWT_ISSUER: 'iss',
    JWT_AUDIENCE: 'aud',
    JWT_PUBLIC_KEY: publicKey,
    MONGODB_URL: 'mongodb://127.0.0.1:1/x',
    REDIS_URL: 'redis://127.0.0.1:1',
  },
} as const;
const files = {
  'command-api': 'commands/src/main/command-api.ts',
  relay: 'commands/src/main/relay.ts',
  projector: 'projections/src/main/projector.ts',
  'process-manager': 'commands/src/main/process-manager.ts',
  'read-api': 'read-api/src/main/read-api.ts',
} as const;

type Name = keyof typeof valid;
interface Case {
  readonly process: Name;
  readonly variable: string;
  /** undefined: the variable is removed. */
  readonly value: string | undefined;
  readonly says: RegExp;
}

const cases: Case[] = [
  { process: 'command-api', variable: 'EVENT_STORE_URL', value: undefined, says: /EVENT_STORE_URL: missing/ },
  {
    process: 'command-api',
    variable: 'PERSONAL_DATA_MASTER_KEY',
    value: 'c2VjcmV0LXRvby1zaG9ydA==',
    says: /PERSONAL_DATA_MASTER_KEY: must be 32 bytes/,
  },
  {
    process: 'command-api',
    variable: 'JWT_PUBLIC_KEY',
    value: undefined,
    says: /JWT_PUBLIC_KEY: set JWT_JWKS_URL or JWT_PUBLIC_KEY/,
  },
  { process: 'command-api', variable: 'PORT', value: 'eighty', says: /PORT:/ },
  { process: 'relay', variable: 'KAFKA_BROKERS', value: 'kafka.internal', says: /KAFKA_BROKERS: must be host:port/ },
  {
    process: 'relay',
    variable: 'EVENT_STORE_URL',
    value: 'mysql://db/events',
    says: /EVENT_STORE_URL: must start with/,
  },
  {
    process: 'projector',
    variable: 'PROJECTOR_MODULE',
    // Not a prefix of any module's name: the error lists the valid ones, and this value must not be echoed.
    value: 'radiology',
    says: /PROJECTOR_MODULE: no projection for this module/,
  },
  { process: 'projector', variable: 'MONGODB_URL', value: undefined, says: /MONGODB_URL: missing/ },
  {
    process: 'process-manager',
    variable: 'PROCESS_MANAGER',
    value: 'admissions.bill-everything',
    says: /PROCESS_MANAGER: no such process manager; one of admissions.discharge-on-death/,
  },
  { process: 'process-manager', variable: 'BLIND_INDEX_KEY', value: undefined, says: /BLIND_INDEX_KEY: missing/ },
  { process: 'process-manager', variable: 'EVENT_STORE_URL', value: undefined, says: /EVENT_STORE_URL: missing/ },
  {
    process: 'read-api',
    variable: 'REDIS_URL',
    value: 'http://cache:6379',
    says: /REDIS_URL: must start with redis:\/\//,
  },
  { process: 'read-api', variable: 'JWT_ISSUER', value: undefined, says: /JWT_ISSUER: missing/ },
];

describe('production entrypoints: configuration errors stop the process at start', function () {
  this.timeout(60_000);

  for (const c of cases) {
    const what = c.value === undefined ? 'missing' : 'malformed';
    it(`${c.process} with ${c.variable} ${what}: exit 1, the variable named, its value not echoed`, async () => {
      const env: Record<string, string> = { ...valid[c.process] };
      if (c.value === undefined) delete env[c.variable];
      else env[c.variable] = c.value;
      const child = spawnTs(files[c.process], [], cleanEnv(env));
      const exit = await child.exited();
      const output = child.output();
      expect(exit.code, output).to.equal(1);
      expect(output).to.match(new RegExp(`^${c.process}: cannot start: invalid configuration`, 'm'));
      expect(output).to.match(c.says);
      if (c.value !== undefined) expect(output).not.to.contain(c.value);
    });
  }

  it('the valid environment above is accepted: command-api starts (Redis away) and stops on SIGTERM with 0', async () => {
    // So each case above fails for its one variable; the idempotency store reconnects in the background.
    const port = await freePort();
    const child = spawnTs(files['command-api'], [], cleanEnv({ ...valid['command-api'], PORT: String(port) }));
    await child.waitFor(/command API listening/);
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(health.status).to.equal(200);
    expect(await child.stop()).to.deep.equal({ code: 0, signal: null });
    expect(child.output()).not.to.match(/invalid configuration/);
  });
});
