import { setTimeout as sleep } from 'node:timers/promises';
import { topicFor } from '@chartline/events';
import {
  type ConsumeOptions,
  type EventBus,
  type EventStore,
  KafkaBus,
  openEventStore,
  openMongoReadStore,
  type ReadStore,
  requireService,
} from '@chartline/infra';
import {
  decodeMessage,
  liveNaming,
  type Projector,
  projectionFor,
  revealWith,
  startProjector,
} from '@chartline/projections';
import { applyAll, snapshot } from '@chartline/projections/testing';
import { expect } from 'chai';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import {
  memoryCheckpointStore,
  moveCompleter,
  type Relay,
  startRelay,
  toBusMessage,
} from '../commands/src/relay/index.js';
import {
  addTestBed,
  defineTestWard,
  placementCommandDeps,
  registerTestHospital,
  startTestMove,
} from '../commands/src/relay/testing/hospitals.js';
import type { CommandDeps } from '../commands/src/server/execute-command.js';

interface Applied {
  readonly hospitalId: string;
  readonly position: number;
  readonly partition: number;
}

/**
 * Issue 23's second "done when": a hospital moved to another partition while commands keep
 * arriving, with a live admissions projector on real Kafka that is slow on the hospital's old
 * partition (so its events there are still unapplied when the move starts). Every event of the
 * hospital is applied once, in event-store order, and the views equal a clean rebuild.
 * Own PostgreSQL schema, topic prefix, consumer group and collections.
 */
describe('moving a hospital between partitions on real Kafka, with a live projector', function () {
  this.timeout(240_000);
  const id = uuidv7().slice(-12);
  const schema = `move_it_${id}`;
  const prefix = `test.${id}.`;
  const collections = `mv${id}_`;
  const rebuilt = `mvr${id}_`;
  const topic = `${prefix}admissions.events.v1`;
  const group = `${prefix}projector.admissions`;
  const moving = `hm${id}`;
  const other = `ho${id}`;
  let pgUrl: string;
  let store: EventStore;
  let bus: KafkaBus;
  let readStore: ReadStore;
  let commands: CommandDeps;
  let relay: Relay | undefined;
  let projector: Projector | undefined;

  before(async function () {
    pgUrl = requireService(this, 'POSTGRES_URL');
    const brokers = requireService(this, 'KAFKA_BROKERS');
    const mongo = requireService(this, 'MONGODB_URL');
    store = await openEventStore(pgUrl, { postgresSchema: schema });
    bus = new KafkaBus({ brokers, clientId: `move-it-${id}` });
    readStore = await openMongoReadStore(mongo);
    commands = placementCommandDeps(store, 4);
  });
  after(async () => {
    await projector?.stop();
    await relay?.stop();
    for (const name of (await readStore?.listCollections()) ?? []) {
      if (name.startsWith(collections) || name.startsWith(rebuilt)) await readStore.dropCollection(name);
    }
    await bus?.close();
    await readStore?.close();
    await store?.close();
    if (pgUrl) {
      const client = new pg.Client({ connectionString: pgUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    }
  });

  it('applies every event of the moved hospital once, in order, and ends with views equal to a clean rebuild', async () => {
    await registerTestHospital(commands, moving);
    await registerTestHospital(commands, other);
    const wards = {
      [moving]: (await defineTestWard(commands, moving, 'Ward M')).id,
      [other]: (await defineTestWard(commands, other, 'Ward O')).id,
    };

    relay = await startRelay({
      store,
      bus,
      checkpoints: memoryCheckpointStore(),
      modules: ['hospitals', 'admissions'],
      encode: (event) => {
        const out = toBusMessage(event);
        return { ...out, topic: out.topic.replace(/^chartline\./, prefix) };
      },
      topicsOf: (module) => [topicFor(module).replace(/^chartline\./, prefix), `${prefix}${module}.dlq`],
      partitions: 4,
      moves: { groupsOf: (t) => (t === topic ? [group] : []), completeMove: moveCompleter(commands), pollMs: 200 },
    });
    while (relay.placements().size < 2) await sleep(20);
    const from = relay.placements().get(moving)!;
    const to = (from + 2) % 4;
    expect(relay.placements().get(other), 'the two hospitals start on different partitions').to.not.equal(from);

    // The live projector, as production runs it; its consumer is watched (what it applied, in the
    // order it applied it) and held back 1.5 s per batch on the moving hospital's old partition.
    const applied: Applied[] = [];
    const watched: EventBus = {
      ensureTopics: (t, p) => bus.ensureTopics(t, p),
      publish: (t, m) => bus.publish(t, m),
      endOffsets: (t) => bus.endOffsets(t),
      committedOffsets: (g, t) => bus.committedOffsets(g, t),
      ping: () => bus.ping(),
      close: () => bus.close(),
      consume: (options: ConsumeOptions) =>
        bus.consume({
          ...options,
          handleBatch: async (batch) => {
            if (batch.partition === from) await sleep(1_500);
            await options.handleBatch(batch);
            for (const m of batch.messages) {
              applied.push({ hospitalId: m.key, position: Number(m.headers['position']), partition: m.partition });
            }
          },
        }),
    };
    projector = await startProjector({
      bus: watched,
      projection: projectionFor('admissions'),
      decode: decodeMessage,
      topic,
      dlqTopic: `${prefix}admissions.dlq`,
      groupId: group,
      partitions: 4,
      readStore,
      naming: liveNaming(collections),
      reveal: revealWith(commands.keyStore),
      backoff: { initialMs: 20, maxMs: 200 },
    });

    // Commands keep arriving for both hospitals, before, during and after the move.
    let writing = true;
    let beds = 0;
    const writer = (async () => {
      while (writing) {
        await addTestBed(commands, moving, wards[moving]!, `M-${beds}`);
        await addTestBed(commands, other, wards[other]!, `O-${beds}`);
        beds++;
        await sleep(25);
      }
    })();
    await sleep(1_500);
    const started = await startTestMove(commands, moving, to);
    let heldAtMost = 0;
    const deadline = Date.now() + 120_000;
    while (relay.placements().get(moving) !== to) {
      heldAtMost = Math.max(heldAtMost, relay.stats().held);
      if (Date.now() > deadline) throw new Error('the move did not complete');
      await sleep(20);
    }
    await sleep(1_500);
    writing = false;
    await writer;

    const events = await store.readAll();
    const ofMoving = events.filter((e) => e.type.startsWith('admissions.') && e.metadata['hospitalId'] === moving);
    const last = ofMoving.at(-1)!.position;
    while (!applied.some((a) => a.position === last)) {
      if (Date.now() > deadline) throw new Error('the projector did not catch up');
      await sleep(50);
    }
    const lastOther = events
      .filter((e) => e.type.startsWith('admissions.') && e.metadata['hospitalId'] === other)
      .at(-1)!;
    while (!applied.some((a) => a.position === lastOther.position)) await sleep(50);

    // Every event of the moved hospital applied once, in event-store order.
    const mine = applied.filter((a) => a.hospitalId === moving);
    expect(mine.map((a) => a.position)).to.deep.equal(ofMoving.map((e) => e.position));
    const completed = events.find((e) => e.type === 'hospitals.HospitalMoveCompleted')!;
    expect(mine.filter((a) => a.position < started.position).every((a) => a.partition === from)).to.equal(true);
    expect(mine.filter((a) => a.position > started.position).every((a) => a.partition === to)).to.equal(true);
    // The move really happened under load: events recorded while it was in progress were held.
    const duringMove = ofMoving.filter((e) => e.position > started.position && e.position < completed.position);
    expect(duringMove.length, 'commands arrived while the move was in progress').to.be.greaterThan(0);
    expect(heldAtMost).to.be.greaterThan(0);
    expect(mine.filter((a) => a.position > completed.position).length, 'and after it').to.be.greaterThan(0);

    // The views equal a clean rebuild from the event store.
    await applyAll('admissions', events, { readStore, keys: commands.keyStore, prefix: rebuilt });
    const names = (await readStore.listCollections()).filter((n) => n.startsWith(rebuilt)).sort();
    expect(names.length).to.be.greaterThan(0);
    const live = await snapshot(
      readStore,
      names.map((n) => collections + n.slice(rebuilt.length)),
    );
    const clean = await snapshot(readStore, names);
    for (const name of names) {
      const view = name.slice(rebuilt.length);
      expect(live[collections + view], view).to.deep.equal(clean[name]);
    }
  });
});
