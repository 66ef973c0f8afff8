import { memoryCheckpointStore, type Relay, startRelay, toBusMessage } from '@chartline/commands/relay';
import { dlqTopicFor, moduleOfType, projectedModuleNames, topicFor } from '@chartline/events';
import {
  createDevTokenIssuer,
  ERASED,
  type IdempotencyStore,
  KafkaBus,
  type KeyStore,
  MasterKey,
  openMongoReadStore,
  openPostgresKeyStore,
  openRedisCache,
  openRedisIdempotencyStore,
  PostgresEventStore,
  type ReadStore,
  type RedisCache,
  requireService,
} from '@chartline/infra';
import {
  BED_BOARD,
  decodeMessage,
  liveNaming,
  PATIENT_SEARCH,
  PATIENT_SUMMARY,
  PROJECTOR_POSITIONS,
  type Projector,
  projectionFor,
  revealWith,
  STAYS,
  startProjector,
} from '@chartline/projections';
import { expect } from 'chai';
import type { Express } from 'express';
import kafkajs from 'kafkajs';
import pg from 'pg';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { commandModules } from '../commands/src/main/modules.js';
import { createCommandApp } from '../commands/src/server/app.js';
import { hospitalDirectory } from '../commands/src/server/hospital-directory.js';

/** The modules with read models: each has a topic, a projector and views to compare. */
const MODULES = projectedModuleNames;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Commands in over HTTP, read models out: the command server on the real PostgreSQL event store
 * and key store with Redis idempotency → relay → Kafka → projectors → MongoDB (FerretDB), with
 * Redis generations. Everything this run writes is its own: schema, topics, groups, collections
 * and hospital id are unique to it.
 */
describe('pipeline over HTTP (command server → PostgreSQL → Kafka → MongoDB)', function () {
  this.timeout(120_000);
  const run = uuidv7().slice(-12);
  const hospitalId = `hh${run}`;
  const schema = `pipeline_http_${run}`;
  const prefix = `th${run}_`;
  const topics = (module: string) => ({
    topic: `test.http.${run}.${topicFor(module)}`,
    dlqTopic: `test.http.${run}.${dlqTopicFor(module)}`,
  });

  let urls: { pg: string; kafka: string; mongo: string; redis: string };
  let store: PostgresEventStore;
  let keys: KeyStore;
  let idempotency: IdempotencyStore;
  let readStore: ReadStore;
  let cache: RedisCache;
  let bus: KafkaBus;
  let relay: Relay | undefined;
  const projectors: Projector[] = [];
  let app: Express;
  let token: (role: string) => Promise<string>;

  before(async function () {
    urls = {
      pg: requireService(this, 'POSTGRES_URL', 'the event store and key store'),
      kafka: requireService(this, 'KAFKA_BROKERS'),
      mongo: requireService(this, 'MONGODB_URL', 'the read models'),
      redis: requireService(this, 'REDIS_URL', 'idempotency keys and cache generations'),
    };
    store = await PostgresEventStore.open({ url: urls.pg, schema, poolSize: 4 });
    keys = await openPostgresKeyStore(urls.pg, MasterKey.generate());
    idempotency = await openRedisIdempotencyStore(urls.redis, { prefix: `chartline-it:${run}:` });
    readStore = await openMongoReadStore(urls.mongo);
    cache = await openRedisCache(urls.redis);
    bus = new KafkaBus({ brokers: urls.kafka, clientId: `pipeline-http-${run}` });
    const issuer = createDevTokenIssuer();
    app = createCommandApp({
      eventStore: store,
      keyStore: keys,
      idempotency,
      auth: { issuer: issuer.issuer, audience: issuer.audience, publicKey: issuer.publicKey },
      modules: commandModules,
      blindIndexSecret: `http-${run}`,
      hospitals: hospitalDirectory(store),
    });
    token = (role) => issuer.mint({ sub: `it-${role}`, role, hospitals: [hospitalId] });
    relay = await startRelay({
      store,
      bus,
      checkpoints: memoryCheckpointStore(null),
      modules: [...MODULES],
      encode: (event) => ({ ...toBusMessage(event), topic: topics(moduleOfType(event.type)).topic }),
      topicsOf: (module) => Object.values(topics(module)),
      partitions: 3,
    });
    for (const module of MODULES) {
      projectors.push(
        await startProjector({
          bus,
          projection: projectionFor(module),
          decode: decodeMessage,
          ...topics(module),
          groupId: `test.http.${run}.${module}`,
          partitions: 3,
          readStore,
          naming: liveNaming(prefix),
          reveal: revealWith(keys),
          cache,
          backoff: { initialMs: 20, maxMs: 200 },
        }),
      );
    }
  });

  after(async () => {
    await Promise.allSettled(projectors.map((p) => p.stop()));
    await relay?.stop();
    for (const name of (await readStore?.listCollections()) ?? [])
      if (name.startsWith(prefix)) await readStore.dropCollection(name);
    await readStore?.collection(PROJECTOR_POSITIONS).deleteMany({ hospitalId });
    await Promise.allSettled([bus?.close(), readStore?.close(), cache?.close(), idempotency?.close(), keys?.close()]);
    await store?.close();
    if (!urls) return;
    const client = new pg.Client(urls.pg);
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
    const admin = new kafkajs.Kafka({ brokers: urls.kafka.split(','), logLevel: kafkajs.logLevel.NOTHING }).admin();
    await admin.connect();
    await admin
      .deleteTopics({ topics: MODULES.flatMap((m) => Object.values(topics(m))), timeout: 10_000 })
      .catch(() => {});
    await admin.disconnect();
  });

  /** Newest event-store position the command API told us about: read-your-writes for the checks. */
  let written = 0;
  async function send(module: string, command: string, body: object, role: string): Promise<string> {
    const res = await request(app)
      .post(`/hospitals/${hospitalId}/${module}/${command}`)
      .set('Authorization', `Bearer ${await token(role)}`)
      .set('Idempotency-Key', uuidv7())
      .send(body);
    expect(res.status, `${command}: ${JSON.stringify(res.body)}`).to.be.oneOf([200, 201]);
    written = Math.max(written, Number(res.headers['x-consistency-token']));
    return res.body.id as string;
  }

  /** Waits until both projectors have applied everything the commands so far wrote. */
  async function projected(): Promise<void> {
    const positions = readStore.collection(PROJECTOR_POSITIONS);
    const reached = async () => {
      const docs = await positions.find({ hospitalId });
      return Math.max(0, ...docs.map((d) => Number(d['position'])));
    };
    const deadline = Date.now() + 60_000;
    while ((await reached()) < written && Date.now() < deadline) await sleep(100);
    expect(await reached(), 'the projectors reached the last command').to.be.at.least(written);
  }

  const doc = (view: string, id: string) =>
    readStore.collection(`${prefix}${view}`).findOne({ _id: `${hospitalId}:${id}` });
  const search = (filter: object) =>
    readStore.collection(`${prefix}${PATIENT_SEARCH}`).find({ hospitalId, searchable: true, ...filter });

  let wardId: string;
  let beds: string[];
  let ada: string;
  let grace: string;
  let stayId: string;

  it('registrations show in the patient summary (names decrypted) and in search', async () => {
    // As in production, the hospital is registered before anything else: commands that read its
    // settings (a discharge, under its unbilled-charges policy) are refused for an unknown hospital.
    await send(
      'hospitals',
      'register-hospital',
      { name: 'Pipeline', timeZone: 'UTC', currency: 'EUR' },
      'platform_admin',
    );
    wardId = await send('admissions', 'define-ward', { name: 'Cedar', specialty: 'medical' }, 'admin');
    beds = [
      await send('admissions', 'add-bed', { wardId, label: 'C-01' }, 'admin'),
      await send('admissions', 'add-bed', { wardId, label: 'C-02' }, 'admin'),
    ];
    const person = { familyName: 'Lovelace', birthDate: '1815-12-10', sex: 'female' };
    ada = await send('patients', 'register-patient', { givenName: 'Ada', ...person }, 'front_desk');
    grace = await send(
      'patients',
      'register-patient',
      { givenName: 'Grace', familyName: 'Hopper', birthDate: '1906-12-09', sex: 'female' },
      'front_desk',
    );
    await projected();

    expect(await doc(PATIENT_SUMMARY, ada)).to.include({
      givenName: 'Ada',
      familyName: 'Lovelace',
      birthDate: '1815-12-10',
      status: 'active',
      erased: false,
    });
    expect((await search({ familyName: 'lovelace' })).map((d) => d['patientId'])).to.deep.equal([ada]);
    expect((await search({ birthDate: '1906-12-09' })).map((d) => d['patientId'])).to.deep.equal([grace]);
    expect(await doc(BED_BOARD, beds[0]!)).to.include({ status: 'free', label: 'C-01', wardId });
  });

  it('an admission and a transfer show on the bed board and in the stay history', async () => {
    stayId = await send('admissions', 'request-admission', { patientId: ada, wardId }, 'front_desk');
    await send('admissions', 'admit-patient', { stayId, patientId: ada, bedId: beds[0] }, 'nurse');
    await projected();
    expect(await doc(BED_BOARD, beds[0]!)).to.include({ status: 'occupied', stayId, patientId: ada });
    expect(await doc(STAYS, stayId)).to.include({ status: 'in_progress', patientId: ada, bedId: beds[0] });

    await send('admissions', 'transfer-patient', { stayId, fromBedId: beds[0], toBedId: beds[1] }, 'nurse');
    await projected();
    expect(await doc(BED_BOARD, beds[0]!)).to.include({ status: 'to_clean', stayId: null, patientId: null });
    expect(await doc(BED_BOARD, beds[1]!)).to.include({ status: 'occupied', stayId, patientId: ada });
    const stay = await doc(STAYS, stayId);
    expect(stay).to.include({ bedId: beds[1], status: 'in_progress' });
    expect(stay?.['transfers']).to.have.length(1);
    expect(await cache.generation(hospitalId, BED_BOARD)).to.be.at.least(1);
  });

  it('a discharge closes the stay and frees the bed for cleaning', async () => {
    await send(
      'admissions',
      'discharge-patient',
      { stayId, patientId: ada, bedId: beds[1], reason: 'home', disposition: 'home' },
      'physician',
    );
    await projected();
    expect(await doc(STAYS, stayId)).to.include({ status: 'finished' });
    expect(await doc(BED_BOARD, beds[1]!)).to.include({ status: 'to_clean', patientId: null });
    const history = await readStore
      .collection(`${prefix}${STAYS}`)
      .find({ hospitalId, patientId: ada }, { sort: { requestedAt: -1 } });
    expect(history.map((s) => s['stayId'])).to.deep.equal([stayId]);
  });

  it('erasure: the patient drops out of search and the summary reads as erased', async () => {
    await send('patients', 'erase-patient-personal-data', { patientId: ada, legalBasis: 'patient_request' }, 'admin');
    await projected();
    expect(await search({ familyName: 'lovelace' })).to.deep.equal([]);
    expect(await search({ birthDate: '1815-12-10' })).to.deep.equal([]);
    expect(await doc(PATIENT_SUMMARY, ada)).to.include({
      givenName: ERASED,
      familyName: ERASED,
      birthDate: ERASED,
      erased: true,
    });
    // The other patient is untouched.
    expect((await search({ familyName: 'hopper' })).map((d) => d['patientId'])).to.deep.equal([grace]);
    expect(await doc(PATIENT_SUMMARY, grace)).to.include({ givenName: 'Grace', erased: false });
  });
});
