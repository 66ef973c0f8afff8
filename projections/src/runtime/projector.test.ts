import { dlqTopicFor, encodeForKafka, envelopeFromRecorded, topicFor } from '@chartline/events';
import {
  createMemoryKeyStore,
  InProcessBus,
  MemoryEventStore,
  MemoryReadStore,
  type RecordedEvent,
} from '@chartline/infra';
import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';
import { BED_BOARD } from '../admissions/index.js';
import { projectionFor } from '../registry.js';
import { collectTopic, eventually } from '../testing/collect.js';
import { HospitalHistory } from '../testing/hospital-history.js';
import { DLQ_HEADERS } from './dead-letter.js';
import { decodeMessage } from './decode.js';
import { revealWith } from './personal-data.js';
import type { Projection } from './projection.js';
import { startProjector } from './projector.js';
import { liveNaming } from './view-naming.js';

const at = '2025-03-01T08:30:00.000Z';
const topic = topicFor('admissions');
const dlqTopic = dlqTopicFor('admissions');

describe('projector runtime (in-process bus)', () => {
  let bus: InProcessBus;
  let readStore: MemoryReadStore;
  let history: HospitalHistory;
  const keys = createMemoryKeyStore();

  beforeEach(async () => {
    bus = new InProcessBus();
    readStore = new MemoryReadStore();
    history = new HospitalHistory(new MemoryEventStore(), keys, 'h1');
    await bus.ensureTopics([topic, dlqTopic], 3);
  });
  afterEach(() => bus.close());

  const addBed = async (label: string): Promise<RecordedEvent> => {
    const bedId = uuidv7();
    return history.append('admissions.BedAdded', bedId, { bedId, wardId: 'w1', label, addedAt: at });
  };
  const publish = (events: readonly RecordedEvent[]) =>
    bus.publish(
      topic,
      events.map((e) => ({ key: 'h1', value: encodeForKafka(envelopeFromRecorded(e)), headers: { type: e.type } })),
    );
  const beds = () => readStore.collection(BED_BOARD).find({}, { sort: { label: 1 } });

  function start(projection: Projection = projectionFor('admissions'), maxAttempts = 3) {
    return startProjector({
      bus,
      projection,
      decode: decodeMessage,
      topic,
      dlqTopic,
      readStore,
      naming: liveNaming(),
      reveal: revealWith(keys),
      maxAttempts,
      backoff: { initialMs: 5, maxMs: 20 },
    });
  }

  it('projects what the bus delivers and commits, leaving no lag', async () => {
    const projector = await start();
    await publish([await addBed('A'), await addBed('B')]);
    await eventually(async () => (await beds()).length === 2);
    expect((await beds()).map((b) => b['label'])).to.deep.equal(['A', 'B']);
    await eventually(async () => (await projector.lag()).every((l) => l.lag === 0));
    expect((await projector.lag()).reduce((n, l) => n + l.lag, 0)).to.equal(0);
    expect(projector.stats()).to.include({ applied: 2, parked: 0 });
    await projector.stop();
  });

  it('parks a message it cannot decode on the DLQ with the reason, and the partition moves on', async () => {
    const dlq = await collectTopic(bus, dlqTopic);
    const projector = await start();
    const before = await addBed('before');
    const after = await addBed('after');
    await publish([before]);
    await bus.publish(topic, [
      { key: 'h1', value: Buffer.from('not avro at all'), headers: { type: 'admissions.BedAdded' } },
    ]);
    await publish([after]);
    await eventually(async () => (await beds()).length === 2 && dlq.messages.length === 1);
    expect((await beds()).map((b) => b['label'])).to.deep.equal(['after', 'before']);
    expect(dlq.messages).to.have.length(1);
    const parked = dlq.messages[0]!;
    expect(parked.headers[DLQ_HEADERS.reason]).to.match(/^NotSingleObjectEncoded/);
    expect(parked.headers).to.include({ [DLQ_HEADERS.originalTopic]: topic, [DLQ_HEADERS.attempts]: '1' });
    expect(parked.headers[DLQ_HEADERS.originalOffset]).to.equal('1');
    expect(parked.headers['type'], 'original headers kept').to.equal('admissions.BedAdded');
    expect(parked.value.toString()).to.equal('not avro at all');
    expect(projector.stats().parked).to.equal(1);
    await dlq.stop();
    await projector.stop();
  });

  it('retries a transient failure with backoff until it succeeds, committing only after success', async () => {
    let failures = 0;
    const real = projectionFor('admissions');
    const flaky: Projection = {
      ...real,
      handlers: {
        ...real.handlers,
        BedAdded: async (event, ctx) => {
          if (failures < 4) {
            failures++;
            throw Object.assign(new Error('read store away'), { name: 'MongoNetworkError' });
          }
          await real.handlers['BedAdded']!(event, ctx);
        },
      },
    };
    const projector = await start(flaky, 2);
    await publish([await addBed('A')]);
    await eventually(() => failures >= 2);
    expect(
      (await projector.lag()).reduce((n, l) => n + l.lag, 0),
      'not committed while failing',
    ).to.equal(1);
    await eventually(async () => (await beds()).length === 1);
    await eventually(async () => (await projector.lag()).every((l) => l.lag === 0));
    expect(failures, 'transient failures are never parked, however many').to.equal(4);
    expect(projector.stats()).to.include({ applied: 1, parked: 0, retries: 4 });
    expect((await projector.lag()).reduce((n, l) => n + l.lag, 0)).to.equal(0);
    await projector.stop();
  });

  it('parks an event whose handler keeps failing after N attempts, then carries on', async () => {
    const dlq = await collectTopic(bus, dlqTopic);
    const real = projectionFor('admissions');
    let attempts = 0;
    const broken: Projection = {
      ...real,
      handlers: {
        ...real.handlers,
        BedAdded: async (event, ctx) => {
          if ((event.data as { label: string }).label === 'bad') {
            attempts++;
            throw new TypeError('cannot read bed');
          }
          await real.handlers['BedAdded']!(event, ctx);
        },
      },
    };
    const projector = await start(broken, 3);
    await publish([await addBed('bad'), await addBed('good')]);
    await eventually(async () => (await beds()).length === 1 && dlq.messages.length === 1);
    expect(attempts).to.equal(3);
    expect((await beds()).map((b) => b['label'])).to.deep.equal(['good']);
    expect(dlq.messages[0]!.headers).to.include({ [DLQ_HEADERS.reason]: 'TypeError', [DLQ_HEADERS.attempts]: '3' });
    await dlq.stop();
    await projector.stop();
  });
});
