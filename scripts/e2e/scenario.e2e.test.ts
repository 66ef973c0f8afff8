import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireService } from '@chartline/infra';
import { SignJWT } from 'jose';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { type EmbeddedChartline, startEmbedded } from '../start/embedded.js';
import { freePort } from './free-port.js';
import { adtScenario, type SystemUnderTest } from './scenario.js';
import { cleanEnv, type Spawned, spawnTs } from './spawned.js';

const runId = () => uuidv7().replaceAll('-', '').slice(-12);

describe('ADT scenario, embedded (one process, every adapter embedded)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chartline-e2e-'));
  let chartline: EmbeddedChartline;
  let sut: SystemUnderTest;

  before(async () => {
    chartline = await startEmbedded({ dataDir, commandPort: 0, readPort: 0, log: () => {} });
    sut = {
      commandUrl: chartline.commandUrl,
      readUrl: chartline.readUrl,
      hospitalId: `e2e-${runId()}`,
      mint: (role, hospitalId) => chartline.mint({ sub: `e2e-${role}`, role, hospitals: [hospitalId] }),
    };
  });
  after(async () => {
    await chartline?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  adtScenario(() => sut);
});

describe('ADT scenario, separate processes (PostgreSQL, Kafka, MongoDB-wire, Redis)', function () {
  this.timeout(180_000);
  const id = runId();
  const database = `chartline_e2e_${id}`;
  const processes: Spawned[] = [];
  let adminUrl: string;
  let sut: SystemUnderTest;

  before(async function () {
    adminUrl = requireService(this, 'POSTGRES_URL', 'event store and key store');
    const kafka = requireService(this, 'KAFKA_BROKERS', 'the relay publishes, the projectors consume');
    const mongo = requireService(this, 'MONGODB_URL', 'read models');
    const redis = requireService(this, 'REDIS_URL', 'idempotency keys and the query cache');

    // Isolation: a database of our own (events, keys, relay checkpoint), a Mongo database of our
    // own, and a hospital id nobody else uses (topics are shared: chartline.<module>.events.v1).
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const pgUrl = new URL(adminUrl);
    pgUrl.pathname = `/${database}`;
    const mongoUrl = new URL(mongo);
    mongoUrl.pathname = `/${database}`;

    const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const issuer = 'https://id.e2e.chartline';
    const audience = 'chartline';
    const shared = {
      LOG_LEVEL: 'info',
      KEY_STORE_URL: pgUrl.toString(),
      PERSONAL_DATA_MASTER_KEY: randomBytes(32).toString('base64'),
      JWT_ISSUER: issuer,
      JWT_AUDIENCE: audience,
      JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      EVENT_STORE_URL: pgUrl.toString(),
      KAFKA_BROKERS: kafka,
      MONGODB_URL: mongoUrl.toString(),
      REDIS_URL: redis,
    };
    const commandPort = await freePort();
    const readPort = await freePort();
    const start = async (file: string, env: Record<string, string>, args: string[] = []) => {
      const child = spawnTs(file, args, cleanEnv({ ...shared, ...env }));
      processes.push(child);
      return child;
    };
    const commandApi = await start('commands/src/main/command-api.ts', {
      PORT: String(commandPort),
      BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
    });
    const relay = await start('commands/src/main/relay.ts', { PORT: String(await freePort()), KAFKA_PARTITIONS: '3' });
    const projectors = [
      await start('projections/src/main/projector.ts', { PORT: String(await freePort()) }, ['--module', 'patients']),
      await start('projections/src/main/projector.ts', {
        PORT: String(await freePort()),
        PROJECTOR_MODULE: 'admissions',
      }),
    ];
    const readApi = await start('read-api/src/main/read-api.ts', { PORT: String(readPort) });
    await commandApi.waitFor(/command API listening/, 60_000);
    await relay.waitFor(/relay running/, 60_000);
    for (const p of projectors) await p.waitFor(/projector running/, 60_000);
    await readApi.waitFor(/read API listening/, 60_000);

    sut = {
      commandUrl: `http://127.0.0.1:${commandPort}`,
      readUrl: `http://127.0.0.1:${readPort}`,
      hospitalId: `e2e-${id}`,
      mint: (role, hospitalId) =>
        new SignJWT({ role, hospitals: [hospitalId] })
          .setProtectedHeader({ alg: 'ES256' })
          .setSubject(`e2e-${role}`)
          .setIssuer(issuer)
          .setAudience(audience)
          .setIssuedAt()
          .setExpirationTime('10m')
          .sign(privateKey),
    };
  });

  after(async () => {
    const exits = await Promise.all(processes.map((p) => p.stop()));
    const unclean = exits.map((e, i) => ({ e, out: processes[i]!.output() })).filter(({ e }) => e.code !== 0);
    if (adminUrl) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    }
    if (unclean.length > 0) {
      throw new Error(
        `processes did not stop cleanly on SIGTERM:\n${unclean.map((u) => `${JSON.stringify(u.e)}\n${u.out.slice(-1500)}`).join('\n')}`,
      );
    }
  });

  adtScenario(() => sut);
});
