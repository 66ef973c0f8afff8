import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectedModuleNames } from '@chartline/events';
import { freePort, requireService } from '@chartline/infra';
import { expect } from 'chai';
import { SignJWT } from 'jose';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { expectNoPersonalData } from '../observability/personal-data-in-logs.js';
import { metricNames, type ProcessKind, REQUIRED_METRICS, sampleValue } from '../observability/process-metrics.js';
import { type EmbeddedChartline, startEmbedded } from '../start/embedded.js';
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
      mint: (role, hospitalId, subject) =>
        chartline.mint({ sub: subject ?? `e2e-${role}`, role, hospitals: [hospitalId] }),
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
  /** Every process with what it is and where its /metrics and /readyz answer. */
  const served: { name: string; kind: ProcessKind; url: string; process: Spawned }[] = [];
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
    const relayPort = await freePort();
    const commandApi = await start('commands/src/main/command-api.ts', {
      PORT: String(commandPort),
      BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
    });
    const relay = await start('commands/src/main/relay.ts', { PORT: String(relayPort), KAFKA_PARTITIONS: '3' });
    // One projector per module with read models; the first is told its module by flag, the
    // others by PROJECTOR_MODULE, so both ways of starting one are exercised.
    const projectors: { module: string; port: number; process: Spawned }[] = [];
    for (const [i, module] of projectedModuleNames.entries()) {
      const port = await freePort();
      const child =
        i === 0
          ? await start('projections/src/main/projector.ts', { PORT: String(port) }, ['--module', module])
          : await start('projections/src/main/projector.ts', { PORT: String(port), PROJECTOR_MODULE: module });
      projectors.push({ module, port, process: child });
    }
    const readApi = await start('read-api/src/main/read-api.ts', { PORT: String(readPort) });
    const at = (port: number) => `http://127.0.0.1:${port}`;
    served.push(
      { name: 'command-api', kind: 'command-api', url: at(commandPort), process: commandApi },
      { name: 'relay', kind: 'relay', url: at(relayPort), process: relay },
      ...projectors.map((p) => ({
        name: `projector-${p.module}`,
        kind: 'projector' as const,
        url: at(p.port),
        process: p.process,
      })),
      { name: 'read-api', kind: 'read-api', url: at(readPort), process: readApi },
    );
    await commandApi.waitFor(/command API listening/, 60_000);
    await relay.waitFor(/relay running/, 60_000);
    for (const p of projectors) await p.process.waitFor(/projector consuming/, 60_000);
    await readApi.waitFor(/read API listening/, 60_000);

    sut = {
      commandUrl: `http://127.0.0.1:${commandPort}`,
      readUrl: `http://127.0.0.1:${readPort}`,
      hospitalId: `e2e-${id}`,
      mint: (role, hospitalId, subject) =>
        new SignJWT({ role, hospitals: [hospitalId] })
          .setProtectedHeader({ alg: 'ES256' })
          .setSubject(subject ?? `e2e-${role}`)
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

  const patient = adtScenario(() => sut);

  it('every process is ready and serves the metrics its alerts and dashboards read', async () => {
    for (const { name, kind, url } of served) {
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status, `${name} /readyz: ${await ready.text()}`).to.equal(200);
      const res = await fetch(`${url}/metrics`);
      expect(res.status, name).to.equal(200);
      const text = await res.text();
      const names = metricNames(text);
      for (const metric of REQUIRED_METRICS[kind]) expect(names.has(metric), `${name} emits ${metric}`).to.equal(true);
      // Every dependency the process checked answered, as the NotReady alert reads it.
      const readiness = [...text.matchAll(/^chartline_ready\{[^}]*\} (\d)$/gm)].map((m) => m[1]);
      expect(readiness.length, `${name} chartline_ready samples`).to.be.greaterThan(0);
      expect(readiness, `${name} chartline_ready`).to.not.include('0');
    }
    // The scenario's traffic shows up where operators look for it.
    const metricsOf = async (name: string) =>
      (await fetch(`${served.find((s) => s.name === name)!.url}/metrics`)).text();
    const [command, relay, patients, read] = await Promise.all(
      ['command-api', 'relay', 'projector-patients', 'read-api'].map(metricsOf),
    );
    // Two by the patients part (one a possible duplicate), one by the inventory part (a patient in a stay).
    expect(
      sampleValue(command!, 'chartline_commands_total', { command: 'register-patient', outcome: 'accepted' }),
    ).to.equal(3);
    expect(sampleValue(command!, 'http_requests_total', { service: 'command-api', status: '201' })).to.be.greaterThan(
      0,
    );
    expect(sampleValue(relay!, 'chartline_relay_published_events_total')).to.be.greaterThan(0);
    expect(sampleValue(relay!, 'chartline_relay_lag_positions')).to.be.a('number');
    expect(sampleValue(patients!, 'chartline_projection_batch_size_count', { module: 'patients' })).to.be.greaterThan(
      0,
    );
    expect(sampleValue(patients!, 'chartline_consumer_lag', { group: 'chartline.projector.patients' })).to.be.a(
      'number',
    );
    expect(sampleValue(read!, 'http_requests_total', { service: 'read-api', status: '200' })).to.be.greaterThan(0);
    expect(sampleValue(read!, 'chartline_cache_requests_total', { view: 'bed_board' })).to.be.greaterThan(0);
  });

  it("stops every process on SIGTERM, and no process wrote the patient's name, birth date or national id", async () => {
    const exits = await Promise.all(served.map(({ process: spawned }) => spawned.stop()));
    for (const [i, { name, process: spawned }] of served.entries()) {
      const output = spawned.output();
      // Each process really logged (JSON lines with its service), so a clean output means redaction.
      expect(output, name).to.match(/"service":"(command-api|relay|projector-\w+|read-api)"/);
      expectNoPersonalData(output, patient, { source: name });
      expect(exits[i], `${name}: ${output.slice(-1500)}`).to.deep.equal({ code: 0, signal: null });
    }
  });
});
