import { rm } from 'node:fs/promises';
import {
  decodeFromKafka,
  GENESIS_HASH,
  moduleNames,
  sealEvent,
  streamId,
  toEventToAppend,
  topicFor,
} from '@chartline/events';
import { type BusMessage, type ConsumedMessage, InProcessBus, MemoryEventStore } from '@chartline/infra';
import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';
import { memoryCheckpointStore } from './checkpoint-store.js';
import { type RelayDeps, startRelay } from './relay.js';
import { sqliteCheckpointStore } from './sqlite-checkpoint-store.js';
import { moduleTopics, toBusMessage } from './to-bus-message.js';

const at = '2025-03-01T08:30:00.000Z';

async function addBed(store: MemoryEventStore, hospitalId: string, label: string) {
  const bedId = uuidv7();
  const stream = streamId('bed', hospitalId, bedId);
  const sealed = sealEvent({
    eventId: uuidv7(),
    type: 'admissions.BedAdded',
    schemaVersion: 1,
    streamId: stream,
    revision: 0,
    hospitalId,
    occurredAt: at,
    recordedAt: at,
    actor: { id: 'admin-1', role: 'admin' },
    correlationId: uuidv7(),
    causationId: uuidv7(),
    traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    prevHash: GENESIS_HASH,
    data: { bedId, wardId: 'w1', label, addedAt: at },
  });
  return store.append(stream, [toEventToAppend(sealed)], 'no_stream');
}

async function readTopic(bus: InProcessBus, topic: string, expected: number): Promise<ConsumedMessage[]> {
  const got: ConsumedMessage[] = [];
  const consumer = await bus.consume({
    groupId: `reader-${uuidv7()}`,
    topics: [topic],
    handleBatch: async (b) => {
      got.push(...b.messages);
    },
  });
  const deadline = Date.now() + 3_000;
  while (got.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 50));
  await consumer.stop();
  return got;
}

const until = async (check: () => boolean | Promise<boolean>) => {
  const deadline = Date.now() + 3_000;
  while (!(await check()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
};

describe('relay (event store → bus)', () => {
  let store: MemoryEventStore;
  let bus: InProcessBus;
  const deps = (over: Partial<RelayDeps> = {}): RelayDeps => ({
    store,
    bus,
    checkpoints: memoryCheckpointStore(),
    modules: moduleNames,
    encode: toBusMessage,
    topicsOf: moduleTopics,
    partitions: 4,
    batchSize: 3,
    maxBatchDelayMs: 5,
    ...over,
  });

  beforeEach(() => {
    store = new MemoryEventStore();
    bus = new InProcessBus();
  });
  afterEach(() => bus.close());

  it('creates every module topic and DLQ, and publishes Avro with key = hospital and the routing headers', async () => {
    await addBed(store, 'h1', 'A');
    await addBed(store, 'h2', 'B');
    const relay = await startRelay(deps());
    await until(() => relay.stats().checkpoint === 2);
    const messages = await readTopic(bus, topicFor('admissions'), 2);
    expect(messages.map((m) => m.key).sort()).to.deep.equal(['h1', 'h2']);
    const first = messages.find((m) => m.key === 'h1')!;
    expect(first.headers).to.include({ type: 'admissions.BedAdded', position: '1' });
    expect(first.headers['traceparent']).to.match(/^00-4bf9/);
    const decoded = decodeFromKafka(first.value);
    expect(decoded.envelope.eventId).to.equal(first.headers['eventId']);
    expect(decoded.data).to.include({ label: 'A' });
    // Every DLQ exists, so a projector can park messages before the first one is needed.
    await bus.publish('chartline.patients.dlq', [{ key: 'h1', value: Buffer.from('x'), headers: {} }]);
    expect(await relay.lagPositions()).to.equal(0);
    await relay.stop();
  });

  it('publishes live events in batches and moves the checkpoint after each acknowledgement', async () => {
    const checkpoints = memoryCheckpointStore();
    const relay = await startRelay(deps({ checkpoints }));
    for (let i = 0; i < 7; i++) await addBed(store, 'h1', `bed-${i}`);
    await until(() => relay.stats().published === 7);
    expect(relay.stats()).to.include({ published: 7, checkpoint: 7 });
    expect(relay.stats().batches, 'batches bounded by size 3').to.be.at.least(3);
    expect(await checkpoints.get()).to.equal(7);
    await relay.stop();
  });

  it('does not move the checkpoint while the bus refuses, and delivers once it accepts', async () => {
    let refuse = 3;
    const flaky = new (class extends InProcessBus {
      override async publish(topic: string, messages: readonly BusMessage[]) {
        if (refuse > 0) {
          refuse--;
          throw new Error('broker away');
        }
        return super.publish(topic, messages);
      }
    })();
    bus = flaky;
    const checkpoints = memoryCheckpointStore();
    const errors: number[] = [];
    await addBed(store, 'h1', 'A');
    const relay = await startRelay(
      deps({ bus, checkpoints, retryMs: { initial: 20, max: 40 }, onPublishError: (_e, n) => errors.push(n) }),
    );
    await until(() => errors.length >= 1);
    expect(await checkpoints.get(), 'no checkpoint before the acknowledgement').to.equal(null);
    expect(await relay.lagPositions()).to.equal(1);
    await until(() => relay.stats().checkpoint === 1);
    expect(errors).to.deep.equal([1, 2, 3]);
    expect(await checkpoints.get()).to.equal(1);
    expect(await readTopic(bus, topicFor('admissions'), 1)).to.have.length(1);
    await relay.stop();
  });

  it('keeps going when saving the checkpoint fails while the event store is away (found by the chaos suite)', async () => {
    // PostgreSQL killed between Kafka's acknowledgement and the checkpoint's write: the relay used to
    // stop (its run rejected, the process exited 1) instead of writing the checkpoint again.
    let refuse = 2;
    const inner = memoryCheckpointStore();
    const checkpoints = {
      ...inner,
      async set(position: number) {
        if (refuse > 0) {
          refuse--;
          throw Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
        }
        return inner.set(position);
      },
    };
    const errors: string[] = [];
    await addBed(store, 'h1', 'A');
    const relay = await startRelay(
      deps({
        checkpoints,
        retryMs: { initial: 10, max: 20 },
        onCheckpointError: (e) => errors.push((e as Error).message),
      }),
    );
    let stopped = false;
    relay.done.catch(() => {
      stopped = true;
    });
    await until(() => relay.stats().checkpoint === 1);
    expect(stopped, 'the relay kept running').to.equal(false);
    expect(errors).to.deep.equal(['connect ECONNREFUSED', 'connect ECONNREFUSED']);
    expect(await inner.get()).to.equal(1);
    await addBed(store, 'h1', 'B');
    await until(() => relay.stats().checkpoint === 2);
    expect(await readTopic(bus, topicFor('admissions'), 2)).to.have.length(2);
    await relay.stop();
  });

  it('resumes after the checkpoint on restart: nothing acknowledged is published again', async () => {
    const checkpoints = memoryCheckpointStore();
    await addBed(store, 'h1', 'A');
    await addBed(store, 'h1', 'B');
    const first = await startRelay(deps({ checkpoints }));
    await until(() => first.stats().checkpoint === 2);
    await first.stop();
    await addBed(store, 'h1', 'C');
    const second = await startRelay(deps({ checkpoints }));
    await until(() => second.stats().checkpoint === 3);
    expect(second.stats().published).to.equal(1);
    const labels = (await readTopic(bus, topicFor('admissions'), 3)).map((m) => decodeFromKafka(m.value).data['label']);
    expect(labels).to.deep.equal(['A', 'B', 'C']);
    await second.stop();
  });

  it('stops with an error rather than skip an event it cannot encode', async () => {
    await addBed(store, 'h1', 'A');
    const relay = await startRelay(
      deps({
        encode: () => {
          throw new Error('unknown schema');
        },
      }),
    );
    let failure: unknown;
    await relay.done.catch((e) => {
      failure = e;
    });
    expect(failure).to.be.instanceOf(Error);
    expect(relay.stats().checkpoint).to.equal(null);
  });

  it('keeps its checkpoint in the SQLite file next to the events, never moving it backwards', async () => {
    const file = `/tmp/relay-checkpoint-${uuidv7()}.db`;
    const a = sqliteCheckpointStore(file);
    expect(await a.get()).to.equal(null);
    await a.set(42);
    await a.set(17);
    await a.close();
    const b = sqliteCheckpointStore(file);
    expect(await b.get()).to.equal(42);
    await b.close();
    for (const suffix of ['', '-wal', '-shm']) await rm(`${file}${suffix}`, { force: true });
  });
});
