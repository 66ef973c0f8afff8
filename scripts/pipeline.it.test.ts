import { memoryCheckpointStore, type Relay, startRelay, toBusMessage } from '@chartline/commands/relay';
import { envelopeFromRecorded } from '@chartline/events';
import {
  createMemoryKeyStore,
  type EventStore,
  KafkaBus,
  openEventStore,
  openMongoReadStore,
  openRedisCache,
  type ReadStore,
  requireService,
} from '@chartline/infra';
import {
  BED_BOARD,
  DLQ_HEADERS,
  decodeMessage,
  liveNaming,
  type Projector,
  projectionFor,
  revealWith,
  STAYS,
  startProjector,
} from '@chartline/projections';
import { applyAll, collectTopic, eventually, HospitalHistory, snapshot } from '@chartline/projections/testing';
import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';

const at = '2025-03-01T08:30:00.000Z';

/**
 * The whole read path on real servers: events appended to PostgreSQL → relay → Kafka →
 * projector → MongoDB, with Redis generations. Topics, group and collections are unique per run,
 * so the test neither sees nor disturbs anyone else's data on the shared servers.
 */
describe('pipeline on real servers (PostgreSQL → Kafka → MongoDB, Redis)', function () {
  this.timeout(120_000);
  const run = uuidv7().slice(-12);
  const hospitalId = `h${run}`;
  const topic = `test.${run}.admissions.events.v1`;
  const dlqTopic = `test.${run}.admissions.dlq`;
  const prefix = `t${run}_`;
  const keys = createMemoryKeyStore();
  let store: EventStore;
  let bus: KafkaBus;
  let readStore: ReadStore;
  let cache: Awaited<ReturnType<typeof openRedisCache>>;
  let relay: Relay | undefined;
  let projector: Projector | undefined;
  let history: HospitalHistory;

  before(async function () {
    const pg = requireService(this, 'POSTGRES_URL');
    const brokers = requireService(this, 'KAFKA_BROKERS');
    const mongo = requireService(this, 'MONGODB_URL');
    const redis = requireService(this, 'REDIS_URL');
    store = await openEventStore(pg);
    bus = new KafkaBus({ brokers, clientId: `pipeline-it-${run}` });
    readStore = await openMongoReadStore(mongo);
    cache = await openRedisCache(redis);
    history = new HospitalHistory(store, keys, hospitalId);
    relay = await startRelay({
      store,
      bus,
      // Start at the head: the shared store holds other tests' events, which are not ours to relay.
      checkpoints: memoryCheckpointStore(await store.headPosition()),
      modules: ['admissions'],
      encode: (event) => ({ ...toBusMessage(event), topic }),
      topicsOf: () => [topic, dlqTopic],
      partitions: 3,
    });
    projector = await startProjector({
      bus,
      projection: projectionFor('admissions'),
      decode: decodeMessage,
      topic,
      dlqTopic,
      groupId: `test.${run}.projector`,
      readStore,
      naming: liveNaming(prefix),
      reveal: revealWith(keys),
      cache,
      backoff: { initialMs: 20, maxMs: 200 },
    });
  });

  after(async () => {
    await projector?.stop();
    await relay?.stop();
    for (const name of (await readStore?.listCollections()) ?? [])
      if (name.startsWith(prefix)) await readStore.dropCollection(name);
    await bus?.close();
    await readStore?.close();
    await cache?.close();
    await store?.close();
  });

  const bed = (id: string) => readStore.collection(`${prefix}${BED_BOARD}`).findOne({ _id: `${hospitalId}:${id}` });

  it('projects appended events into MongoDB, records the position and bumps the Redis generation', async () => {
    const bedId = uuidv7();
    const stayId = uuidv7();
    const patientId = uuidv7();
    await history.append('admissions.BedAdded', bedId, { bedId, wardId: 'w1', label: '3E-01', addedAt: at });
    const last = await history.append('admissions.BedOccupied', bedId, { bedId, stayId, patientId, occupiedAt: at });
    await eventually(async () => (await bed(bedId))?.['status'] === 'occupied', 60_000);
    expect(await bed(bedId)).to.include({ status: 'occupied', stayId, patientId, label: '3E-01' });
    const positions = readStore.collection('projector_positions');
    await eventually(
      async () => (await positions.findOne({ _id: `admissions:${hospitalId}` }))?.['position'] === last.position,
    );
    expect(await positions.findOne({ _id: `admissions:${hospitalId}` })).to.include({ position: last.position });
    expect(await cache.generation(hospitalId, BED_BOARD)).to.be.at.least(1);
  });

  it('parks a malformed message written to the topic by hand on the DLQ with the reason, and carries on', async () => {
    const dlq = await collectTopic(bus, dlqTopic, `test.${run}.dlq-reader`);
    await bus.publish(topic, [{ key: hospitalId, value: Buffer.from([0xc3, 0x01, 1, 2, 3]), headers: { type: 'x' } }]);
    const bedId = uuidv7();
    const added = await history.append('admissions.BedAdded', bedId, {
      bedId,
      wardId: 'w1',
      label: '3E-02',
      addedAt: at,
    });
    await eventually(async () => dlq.messages.length === 1 && (await bed(bedId)) !== null, 60_000);
    expect(dlq.messages).to.have.length(1);
    expect(dlq.messages[0]!.headers[DLQ_HEADERS.reason]).to.match(/^(TruncatedMessage|UnknownSchemaFingerprint)/);
    expect(dlq.messages[0]!.headers[DLQ_HEADERS.originalTopic]).to.equal(topic);
    expect(await bed(bedId)).to.include({ status: 'free', label: '3E-02' });
    expect(envelopeFromRecorded(added).hospitalId).to.equal(hospitalId);
    await dlq.stop();
  });

  it('is idempotent on MongoDB: the same events applied twice leave identical documents', async () => {
    const bedId = uuidv7();
    const stayId = uuidv7();
    const patientId = uuidv7();
    const events = [
      await history.append('admissions.BedAdded', bedId, { bedId, wardId: 'w9', label: '9-01', addedAt: at }),
      await history.append('admissions.AdmissionRequested', stayId, {
        stayId,
        patientId,
        wardId: 'w9',
        reason: null,
        requestedAt: at,
      }),
      await history.append('admissions.PatientAdmitted', stayId, {
        stayId,
        patientId,
        bedId,
        wardId: 'w9',
        admittedAt: at,
      }),
      await history.append('admissions.BedOccupied', bedId, { bedId, stayId, patientId, occupiedAt: at }),
    ];
    const idem = `${prefix}idem_`;
    const views = [`${idem}${BED_BOARD}`, `${idem}${STAYS}`];
    await applyAll('admissions', events, { readStore, keys, prefix: idem });
    const once = await snapshot(readStore, views);
    expect(once[`${idem}${BED_BOARD}`]).to.have.length(1);
    await applyAll('admissions', events, { readStore, keys, prefix: idem });
    await applyAll(
      'admissions',
      events.flatMap((e) => [e, e]),
      { readStore, keys, prefix: idem },
    );
    expect(await snapshot(readStore, views)).to.deep.equal(once);
  });
});
