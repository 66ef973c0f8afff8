import { topicFor } from '@chartline/events';
import { type ConsumedMessage, InProcessBus, MemoryEventStore, partitionForKey } from '@chartline/infra';
import { expect } from 'chai';
import type { CommandDeps } from '../server/execute-command.js';
import { memoryCheckpointStore } from './checkpoint-store.js';
import { moveCompleter } from './complete-move.js';
import { type DrainGap, type Relay, type RelayDeps, startRelay } from './relay.js';
import {
  changeTestSettings,
  defineTestWard,
  placementCommandDeps,
  registerTestHospital,
  startTestMove,
} from './testing/hospitals.js';
import { moduleTopics, toBusMessage } from './to-bus-message.js';

const PARTITIONS = 4;
const HOSPITALS = topicFor('hospitals');
const ADMISSIONS = topicFor('admissions');
const GROUP = 'chartline.projector.hospitals';

const until = async (what: string, check: () => boolean | Promise<boolean>, ms = 4_000) => {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};
const position = (m: ConsumedMessage) => Number(m.headers['position']);
const typeOf = (m: ConsumedMessage) => m.headers['type'];

describe('relay: hospitals placed on partitions, and moved', function () {
  this.timeout(10_000);
  let store: MemoryEventStore;
  let bus: InProcessBus;
  let commands: CommandDeps;
  const relays: Relay[] = [];

  const relay = async (over: Partial<RelayDeps> = {}) => {
    const started = await startRelay({
      store,
      bus,
      checkpoints: memoryCheckpointStore(),
      modules: ['hospitals', 'admissions'],
      encode: toBusMessage,
      topicsOf: moduleTopics,
      partitions: PARTITIONS,
      batchSize: 5,
      maxBatchDelayMs: 2,
      moves: { groupsOf: (t) => (t === HOSPITALS ? [GROUP] : []), completeMove: moveCompleter(commands), pollMs: 5 },
      ...over,
    });
    relays.push(started);
    return started;
  };

  /** A consumer of the hospitals topic in GROUP that records what it handled, and can be held up on a partition. */
  const consumer = async (blocked: Set<number> = new Set()) => {
    const seen: ConsumedMessage[] = [];
    const c = await bus.consume({
      groupId: GROUP,
      topics: [HOSPITALS],
      handleBatch: async (b) => {
        while (blocked.has(b.partition)) await new Promise((r) => setTimeout(r, 5));
        seen.push(...b.messages);
      },
    });
    return { seen, stop: () => c.stop() };
  };

  beforeEach(() => {
    store = new MemoryEventStore();
    bus = new InProcessBus();
    commands = placementCommandDeps(store, PARTITIONS);
  });
  afterEach(async () => {
    await Promise.all(relays.splice(0).map((r) => r.stop()));
    await bus.close();
  });

  it('publishes each hospital’s events, on every topic, on the partition it was placed on: 8 on 4 are two each', async () => {
    const ids = Array.from({ length: 8 }, (_, i) => `h-${i}`);
    for (const id of ids) {
      await registerTestHospital(commands, id);
      await defineTestWard(commands, id, 'Ward A');
    }
    const r = await relay();
    const reader = await consumer();
    const wards: ConsumedMessage[] = [];
    await bus.consume({
      groupId: 'wards',
      topics: [ADMISSIONS],
      handleBatch: async (b) => void wards.push(...b.messages),
    });
    await until('16 placement and registration events, 8 wards', () => reader.seen.length === 16 && wards.length === 8);

    const placed = r.placements();
    expect([...placed.keys()].sort()).to.deep.equal(ids);
    const perPartition = [0, 1, 2, 3].map((p) => ids.filter((id) => placed.get(id) === p).length);
    expect(perPartition).to.deep.equal([2, 2, 2, 2]);
    const ofHospitals = [...reader.seen, ...wards].filter((m) => m.key !== 'platform');
    expect(ofHospitals).to.have.length(16);
    for (const m of ofHospitals) expect(m.partition, `${m.key} ${typeOf(m)}`).to.equal(placed.get(m.key));
    // The placement is written before the registration (the platform's stream, under its own key),
    // so the relay knows where the hospital goes at its very first event.
    const placements = reader.seen.filter((m) => m.key === 'platform').map(typeOf);
    expect(placements).to.deep.equal(Array(8).fill('hospitals.HospitalPlaced'));
    const hospitalEvents = reader.seen.filter((m) => m.key === 'h-0').map(typeOf);
    expect(hospitalEvents).to.deep.equal(['hospitals.HospitalRegistered']);
  });

  it('moves a hospital: holds its events until the group passed the old partition, then sends them, in order, on the new one', async () => {
    await registerTestHospital(commands, 'h-move');
    await registerTestHospital(commands, 'h-other');
    for (let i = 0; i < 3; i++) await changeTestSettings(commands, 'h-move', i);
    const waits: DrainGap[] = [];
    const r = await relay({
      moves: {
        groupsOf: (t) => (t === HOSPITALS ? [GROUP] : []),
        completeMove: moveCompleter(commands),
        pollMs: 5,
        onWaiting: (_, behind) => waits.push(...behind),
      },
    });
    await until('the relay placed both', () => r.placements().size === 2);
    const fromPartition = r.placements().get('h-move')!;
    const to = (fromPartition + 2) % PARTITIONS;

    // The group is held up on the old partition: the move must wait for it.
    const blocked = new Set([fromPartition]);
    const reader = await consumer(blocked);
    await startTestMove(commands, 'h-move', to);
    for (let i = 3; i < 8; i++) await changeTestSettings(commands, 'h-move', i);
    await until('the later events are held', () => r.stats().held === 5);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(r.stats().held, 'still held while the group is behind').to.equal(5);
    expect(r.moves().map((m) => [m.hospitalId, m.fromPartition, m.toPartition])).to.deep.equal([
      ['h-move', fromPartition, to],
    ]);
    expect(reader.seen.filter((m) => m.key === 'h-move' && m.partition === to)).to.deep.equal([]);

    // The relay says which group it waits for, where, and how far behind the stop mark it is.
    expect(waits[0]).to.include({ topic: HOSPITALS, group: GROUP, partition: fromPartition });
    expect(waits[0]!.committed).to.be.below(waits[0]!.mark);
    blocked.clear();
    await until('the move completes and the held events arrive', () =>
      reader.seen.some((m) => typeOf(m) === 'hospitals.HospitalMoveCompleted'),
    );
    await until('all of h-move arrives', () => reader.seen.filter((m) => m.key === 'h-move').length === 1 + 3 + 5);
    expect(r.stats().held).to.equal(0);
    expect(r.placements().get('h-move')).to.equal(to);

    const ofMoved = reader.seen.filter((m) => m.key === 'h-move');
    const positions = ofMoved.map(position);
    expect(positions, 'applied in event-store order, each once').to.deep.equal([...positions].sort((a, b) => a - b));
    expect(new Set(positions).size).to.equal(positions.length);
    const startedAt = position(reader.seen.find((m) => typeOf(m) === 'hospitals.HospitalMoveStarted')!);
    const completedAt = position(reader.seen.find((m) => typeOf(m) === 'hospitals.HospitalMoveCompleted')!);
    expect(ofMoved.filter((m) => position(m) < startedAt).map((m) => m.partition)).to.deep.equal([
      fromPartition,
      fromPartition,
      fromPartition,
      fromPartition,
    ]);
    // Recorded while the move was in progress, travelled after it, on the new partition.
    const later = ofMoved.filter((m) => position(m) > startedAt);
    expect(later.map((m) => m.partition)).to.deep.equal([to, to, to, to, to]);
    expect(later.every((m) => position(m) < completedAt)).to.equal(true);

    // After the move, new events go straight to the new partition.
    await changeTestSettings(commands, 'h-move', 9);
    await until('one more', () => reader.seen.filter((m) => m.key === 'h-move').length === 10);
    expect(reader.seen.at(-1)!.partition).to.equal(to);
  });

  it('keeps its checkpoint before the held events, so a relay restarted mid-move holds them again and completes', async () => {
    await registerTestHospital(commands, 'h-move');
    const checkpoints = memoryCheckpointStore();
    const first = await relay({ checkpoints });
    await until('placed', () => first.placements().size === 1);
    const fromPartition = first.placements().get('h-move')!;
    const to = (fromPartition + 1) % PARTITIONS;
    const blocked = new Set([fromPartition]);
    const reader = await consumer(blocked);
    const moved = await startTestMove(commands, 'h-move', to);
    const held = await changeTestSettings(commands, 'h-move', 1);
    await until('held', () => first.stats().held === 1);
    await first.stop();
    const checkpoint = await checkpoints.get();
    expect(checkpoint, 'past the move’s start').to.be.at.least(moved.position);
    expect(checkpoint, 'not past the held event').to.be.below(held.position);

    const second = await relay({ checkpoints });
    await until('held again', () => second.stats().held === 1);
    expect(second.moves()).to.have.length(1);
    blocked.clear();
    await until('completed', () => second.placements().get('h-move') === to);
    await until('delivered', () => reader.seen.some((m) => position(m) === held.position));
    const ofMoved = reader.seen.filter((m) => m.key === 'h-move').map(position);
    expect(ofMoved).to.deep.equal([...ofMoved].sort((a, b) => a - b));
    expect(reader.seen.find((m) => position(m) === held.position)!.partition).to.equal(to);
  });

  it('sends a hospital without a placement (registered before placements existed) by key hash, as before', async () => {
    await defineTestWard(commands, 'h-legacy', 'Ward A');
    const r = await relay();
    const got: ConsumedMessage[] = [];
    await bus.consume({
      groupId: 'legacy',
      topics: [ADMISSIONS],
      handleBatch: async (b) => void got.push(...b.messages),
    });
    await until('the ward', () => got.length === 1);
    expect(r.placements().has('h-legacy')).to.equal(false);
    expect(got[0]!.partition).to.equal(partitionForKey(ADMISSIONS, 'h-legacy', PARTITIONS));
  });

  it('sends a hospital placed beyond the topics’ partitions by key hash, and says so', async () => {
    const wide = placementCommandDeps(store, 12);
    for (let i = 0; i < 6; i++) await registerTestHospital(wide, `w-${i}`);
    const beyond: [string, number][] = [];
    const r = await relay({ onPlacementOutOfRange: (h, p) => beyond.push([h, p]) });
    const got: ConsumedMessage[] = [];
    await bus.consume({ groupId: 'wide', topics: [HOSPITALS], handleBatch: async (b) => void got.push(...b.messages) });
    await until('the six registrations', () => got.filter((m) => m.key !== 'platform').length === 6);
    expect(r.placements().get('w-5')).to.equal(5);
    const w5 = got.find((m) => m.key === 'w-5')!;
    expect(w5.partition).to.equal(partitionForKey(HOSPITALS, 'w-5', PARTITIONS));
    expect(beyond).to.deep.include(['w-5', 5]);
    expect(got.find((m) => m.key === 'w-1')!.partition).to.equal(1);
  });

  it('treats a completion an earlier run already recorded as done', async () => {
    await registerTestHospital(commands, 'h-twice');
    const started = await startTestMove(commands, 'h-twice', 3);
    expect(started.events).to.deep.equal(['hospitals.HospitalMoveStarted']);
    const complete = moveCompleter(commands);
    const move = { hospitalId: 'h-twice', fromPartition: 0, toPartition: 3, placementVersion: 2 };
    await complete(move);
    await complete(move);
    const types = (await store.readStream('placement-platform.kafka')).map((e) => e.type);
    expect(types.filter((t) => t === 'hospitals.HospitalMoveCompleted')).to.have.length(1);
  });

  it('reports a failing drain check and tries again until it succeeds', async () => {
    await registerTestHospital(commands, 'h-flaky');
    let failures = 2;
    const flakyBus = Object.create(bus) as InProcessBus;
    flakyBus.committedOffsets = async (group, topic) => {
      if (failures-- > 0) throw new Error('broker away');
      return bus.committedOffsets(group, topic);
    };
    const errors: unknown[] = [];
    const r = await relay({
      bus: flakyBus,
      moves: {
        groupsOf: (t) => (t === HOSPITALS ? [GROUP] : []),
        completeMove: moveCompleter(commands),
        pollMs: 5,
        onError: (_, error) => errors.push(error),
      },
    });
    await until('placed', () => r.placements().size === 1);
    const reader = await consumer();
    await until('registration consumed', () => reader.seen.some((m) => m.key === 'h-flaky'));
    await startTestMove(commands, 'h-flaky', 2);
    await until('moved', () => r.placements().get('h-flaky') === 2);
    expect(errors.map((e) => (e as Error).message)).to.deep.equal(['broker away', 'broker away']);
  });
});
