import { memoryCheckpointStore, type Relay, startRelay, toBusMessage } from '@chartline/commands/relay';
import {
  createMemoryKeyStore,
  type EventStore,
  KafkaBus,
  openEventStore,
  openMongoReadStore,
  type ReadStore,
  requireService,
} from '@chartline/infra';
import {
  BED_BOARD,
  decodeMessage,
  liveNaming,
  type Projector,
  projectionFor,
  revealWith,
  startProjector,
} from '@chartline/projections';
import { eventually, HospitalHistory } from '@chartline/projections/testing';
import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';

const at = '2025-03-01T08:30:00.000Z';

/**
 * Issue 22 item 21: start order must not matter. A projector started before its topic exists (the
 * relay creates topics, and Kubernetes starts pods in any order) waits for it with backoff instead
 * of exiting, and projects once the relay is up. Real Kafka, PostgreSQL and MongoDB; the topic,
 * group and collections are this run's own.
 */
describe('start order: a projector started before its topic exists', function () {
  this.timeout(120_000);
  const run = uuidv7().slice(-12);
  const hospitalId = `h${run}`;
  const topic = `test.${run}.startorder.admissions.events.v1`;
  const dlqTopic = `test.${run}.startorder.admissions.dlq`;
  const prefix = `so${run}_`;
  const keys = createMemoryKeyStore();
  let brokers: string;
  let store: EventStore;
  let relayBus: KafkaBus;
  let projectorBus: KafkaBus;
  let readStore: ReadStore;
  let relay: Relay | undefined;
  let projector: Projector | undefined;

  /** A real Kafka bus that leaves creating topics to the relay, as a consumer started first meets it. */
  class TopicsMadeByOthers extends KafkaBus {
    override async ensureTopics(): Promise<void> {}
  }

  before(async function () {
    const pg = requireService(this, 'POSTGRES_URL');
    brokers = requireService(this, 'KAFKA_BROKERS');
    const mongo = requireService(this, 'MONGODB_URL');
    store = await openEventStore(pg);
    relayBus = new KafkaBus({ brokers, clientId: `start-order-relay-${run}` });
    projectorBus = new TopicsMadeByOthers({ brokers, clientId: `start-order-projector-${run}` });
    readStore = await openMongoReadStore(mongo);
  });

  after(async () => {
    await projector?.stop();
    await relay?.stop();
    for (const name of (await readStore?.listCollections()) ?? [])
      if (name.startsWith(prefix)) await readStore.dropCollection(name);
    await projectorBus?.close();
    await relayBus?.close();
    await readStore?.close();
    await store?.close();
  });

  const start = (retries: string[], signal?: AbortSignal, onTopic = topic) =>
    startProjector({
      bus: projectorBus,
      projection: projectionFor('admissions'),
      decode: decodeMessage,
      topic: onTopic,
      dlqTopic,
      groupId: `test.${run}.start-order`,
      readStore,
      naming: liveNaming(prefix),
      reveal: revealWith(keys),
      backoff: { initialMs: 50, maxMs: 500 },
      onRetry: (error) => retries.push(error instanceof Error ? error.name : String(error)),
      ...(signal && { signal }),
    });

  it('stays up retrying while the topic is missing, then consumes once the relay has created it', async () => {
    const retries: string[] = [];
    let outcome: 'pending' | 'started' | 'failed' = 'pending';
    const starting = start(retries).then(
      (p) => {
        projector = p;
        outcome = 'started';
      },
      () => {
        outcome = 'failed';
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(outcome, 'neither started nor given up while the topic is missing').to.equal('pending');
    expect(retries.length, 'retried with backoff').to.be.at.least(3);
    expect(retries.every((name) => name === 'UnknownTopic')).to.equal(true);

    const history = new HospitalHistory(store, keys, hospitalId);
    relay = await startRelay({
      store,
      bus: relayBus,
      checkpoints: memoryCheckpointStore(await store.headPosition()),
      modules: ['admissions'],
      encode: (event) => ({ ...toBusMessage(event), topic }),
      topicsOf: () => [topic, dlqTopic],
      partitions: 3,
    });
    await starting;
    expect(outcome).to.equal('started');

    const bedId = uuidv7();
    await history.append('admissions.BedAdded', bedId, { bedId, wardId: 'w1', label: '5W-02', addedAt: at });
    const bed = () => readStore.collection(`${prefix}${BED_BOARD}`).findOne({ _id: `${hospitalId}:${bedId}` });
    await eventually(async () => (await bed()) !== null, 60_000);
    expect(await bed()).to.include({ label: '5W-02' });
  });

  it('gives up waiting when the process stops before the topic appears', async () => {
    const stopping = new AbortController();
    const retries: string[] = [];
    // A topic that never appears (the first test's topic exists by now).
    const waiting = start(retries, stopping.signal, `test.${run}.startorder.never.events.v1`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    stopping.abort();
    const error = await waiting.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).to.be.instanceOf(Error);
    expect((error as Error).name).to.equal('Stopping');
  });
});
