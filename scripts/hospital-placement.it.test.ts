import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { moduleNames, topicFor } from '@chartline/events';
import {
  createDevTokenIssuer,
  createMemoryIdempotencyStore,
  createMemoryKeyStore,
  type EventStore,
  type HttpService,
  KafkaBus,
  openEventStore,
  requireService,
  serveHttp,
} from '@chartline/infra';
import { expect } from 'chai';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { commandModules } from '../commands/src/main/modules.js';
import { memoryCheckpointStore, type Relay, startRelay, toBusMessage } from '../commands/src/relay/index.js';
import { createCommandApp } from '../commands/src/server/app.js';
import { hospitalDirectory } from '../commands/src/server/hospital-directory.js';
import { driveWorkload } from './generate/drive.js';
import { tokenMinter } from './generate/tokens.js';
import { generateWorkload } from './generate/workload.js';
import { readKafkaPlacement, readLivePlacement } from './hospital-placement.js';

const run = promisify(execFile);

/**
 * Issue 23's first "done when": 24 generated hospitals, registered through the command API at once
 * (they race for the placement stream), relayed to real Kafka topics of 12 partitions, land exactly
 * two per partition — in the event store's placement, in what Kafka holds, and as the script shows.
 * Its own PostgreSQL schema and topic prefix: nobody else's hospitals or messages are counted.
 */
describe('hospital placement over real Kafka: 24 generated hospitals on 12 partitions', function () {
  this.timeout(180_000);
  const id = uuidv7().slice(-12);
  const schema = `placement_it_${id}`;
  const prefix = `test.${id}.`;
  const topicOf = (module: string) => topicFor(module).replace(/^chartline\./, prefix);
  let store: EventStore;
  let bus: KafkaBus;
  let relay: Relay | undefined;
  let http: HttpService | undefined;
  let pgUrl: string;
  let brokers: string;

  before(async function () {
    pgUrl = requireService(this, 'POSTGRES_URL');
    brokers = requireService(this, 'KAFKA_BROKERS');
    store = await openEventStore(pgUrl, { postgresSchema: schema });
    bus = new KafkaBus({ brokers, clientId: `placement-it-${id}` });
  });
  after(async () => {
    await relay?.stop();
    await http?.close(100);
    await bus?.close();
    await store?.close();
    if (pgUrl) {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  });

  it('registers them through the API, relays them, and every partition holds exactly two', async () => {
    const issuer = createDevTokenIssuer();
    const app = createCommandApp({
      eventStore: store,
      keyStore: createMemoryKeyStore(),
      idempotency: createMemoryIdempotencyStore(),
      auth: { issuer: issuer.issuer, audience: issuer.audience, publicKey: issuer.publicKey },
      modules: commandModules,
      blindIndexSecret: 'test-blind-index-secret',
      hospitals: hospitalDirectory(store),
      kafkaPartitions: 12,
    });
    http = await serveHttp(app, 0, '127.0.0.1');
    // The generator's hospitals, each registered and given its wards (events on a second topic).
    const steps = generateWorkload({ hospitals: 24, days: 1, seed: 'placement', hospitalPrefix: `pl${id}` }).filter(
      (s) => s.command === 'register-hospital' || s.command === 'define-ward',
    );
    const driven = await driveWorkload(steps, {
      baseUrl: `http://127.0.0.1:${http.port}`,
      tokenFor: tokenMinter({ privateKey: issuer.privateKey, issuer: issuer.issuer, audience: issuer.audience }),
      runId: `placement-${id}`,
      concurrency: 12,
    });
    expect(driven.failures).to.deep.equal([]);
    const hospitals = Object.keys(driven.positions).sort();
    expect(hospitals).to.have.length(24);

    relay = await startRelay({
      store,
      bus,
      checkpoints: memoryCheckpointStore(),
      modules: [...moduleNames],
      encode: (event) => {
        const out = toBusMessage(event);
        return { ...out, topic: out.topic.replace(/^chartline\./, prefix) };
      },
      topicsOf: (module) => [topicOf(module), `${prefix}${module}.dlq`],
      partitions: 12,
    });
    const head = await store.headPosition();
    const deadline = Date.now() + 60_000;
    while ((relay.stats().checkpoint ?? 0) < head && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(relay.stats().checkpoint).to.equal(head);

    // The event store's placement (what the relay routes by): two per partition.
    const live = await readLivePlacement(store, 12, 12, 'roundrobin');
    expect([...live.partitionOf.keys()].sort()).to.deep.equal(hospitals);
    const counts = Array.from({ length: 12 }, (_, p) => hospitals.filter((h) => live.partitionOf.get(h) === p).length);
    expect(counts).to.deep.equal(Array(12).fill(2));
    expect(live.pods.map((pod) => pod.hospitals.length)).to.deep.equal(Array(12).fill(2));

    // What Kafka holds: each partition of both topics carries exactly its two hospitals.
    const kafka = await readKafkaPlacement(brokers, [topicOf('hospitals'), topicOf('admissions')], 1_000);
    for (const topic of [topicOf('hospitals'), topicOf('admissions')]) {
      const partitions = kafka.get(topic)!;
      expect(partitions.size, topic).to.equal(12);
      for (const [p, keys] of partitions) {
        const expected = hospitals.filter((h) => live.partitionOf.get(h) === p);
        expect([...keys].sort(), `${topic} partition ${p}`).to.deep.equal(expected);
      }
    }

    // And the operator's script says so.
    const { stdout } = await run(
      'npx',
      ['tsx', 'scripts/hospital-placement.ts', '--schema', schema, '--kafka', '--topic-prefix', prefix, '--pods', '12'],
      { env: { ...process.env, EVENT_STORE_URL: pgUrl, KAFKA_BROKERS: brokers }, timeout: 90_000 },
    );
    expect(stdout).to.include('hospitals per partition: min 2, max 2');
    expect(stdout).to.include('hospitals per pod: min 2, max 2');
    expect(stdout).to.include(topicOf('admissions'));
    for (const h of hospitals) expect(stdout.split(h).length - 1, h).to.be.at.least(3);
  });
});
