/**
 * Which partition — and so which projector pod — serves which hospitals.
 *
 * Live (default): the placement recorded in the event store (stream `placement-platform.kafka`:
 * HospitalPlaced, HospitalMoveStarted/Completed), which the relay routes by; with `--kafka`, also
 * the hospitals Kafka actually holds on each partition of each module topic, from the last
 * `--window` messages of every partition (cheap: it never reads a topic whole):
 *
 *   EVENT_STORE_URL=postgres://… KAFKA_BROKERS=… npx tsx scripts/hospital-placement.ts --pods 12 --kafka
 *
 * Predicted (`--predict`): where Kafka's key hash would put hospitals that have no placement
 * (registered before placements existed), for a number of demo ids or `--ids`:
 *
 *   npx tsx scripts/hospital-placement.ts --predict --hospitals 24 --partitions 12 --pods 12
 *
 * Assignors: `roundrobin` (kafkajs's default, what the projectors use) gives partition p to the
 * (p mod pods)-th member; `range` (the Java client's default) gives each member a contiguous run.
 * Members are ordered by member id, which Kafka makes up at join time: which pod gets which
 * share is arbitrary, how the shares are cut is not.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { moduleNames, topicFor } from '@chartline/events';
import { type EventStore, openEventStore, StreamNotFound } from '@chartline/infra';
import kafkajs from 'kafkajs';
import { PLACEMENT_STREAM, PlacementTracker } from '../commands/src/relay/placement.js';
import { partitionForKey } from './kafka-partition.js';

export type Assignor = 'roundrobin' | 'range';

export interface Placement {
  /** hospital id → partition */
  readonly partitionOf: ReadonlyMap<string, number>;
  /** pod index → its partitions, and the hospitals on them */
  readonly pods: readonly { readonly partitions: readonly number[]; readonly hospitals: readonly string[] }[];
}

/** Default hospital ids when none are given: hospital-01 … hospital-NN. */
export function demoHospitalIds(count: number): string[] {
  const width = Math.max(2, String(count).length);
  return Array.from({ length: count }, (_, i) => `hospital-${String(i + 1).padStart(width, '0')}`);
}

export function assignPartitions(partitions: number, pods: number, assignor: Assignor): number[][] {
  if (!Number.isInteger(pods) || pods < 1) throw new RangeError('pods must be a positive integer');
  const owned: number[][] = Array.from({ length: pods }, () => []);
  if (assignor === 'roundrobin') {
    for (let p = 0; p < partitions; p++) owned[p % pods]!.push(p);
    return owned;
  }
  const each = Math.floor(partitions / pods);
  const extra = partitions % pods;
  let next = 0;
  for (let i = 0; i < pods; i++) {
    const count = each + (i < extra ? 1 : 0);
    for (let j = 0; j < count; j++) owned[i]!.push(next++);
  }
  return owned;
}

export function placeHospitals(
  ids: readonly string[],
  partitions: number,
  pods: number,
  assignor: Assignor,
): Placement {
  const partitionOf = new Map(ids.map((id) => [id, partitionForKey(id, partitions)] as const));
  const owned = assignPartitions(partitions, pods, assignor);
  return {
    partitionOf,
    pods: owned.map((parts) => ({
      partitions: parts,
      hospitals: ids.filter((id) => parts.includes(partitionOf.get(id)!)),
    })),
  };
}

/** The live placement: hospital → partition as the relay routes now, and the moves in progress. */
export interface LivePlacement extends Placement {
  readonly partitions: number;
  readonly moving: readonly { hospitalId: string; fromPartition: number; toPartition: number }[];
}

/** Folds the placement stream of an event store. */
export async function readLivePlacement(
  store: EventStore,
  partitions: number,
  pods: number,
  assignor: Assignor,
): Promise<LivePlacement> {
  const tracker = new PlacementTracker();
  try {
    for (const event of await store.readStream(PLACEMENT_STREAM)) tracker.apply(event);
  } catch (error) {
    if (!(error instanceof StreamNotFound)) throw error;
  }
  const partitionOf = tracker.placements();
  const owned = assignPartitions(partitions, pods, assignor);
  const ids = [...partitionOf.keys()].sort();
  return {
    partitions,
    partitionOf,
    moving: tracker.moves(),
    pods: owned.map((parts) => ({
      partitions: parts,
      hospitals: ids.filter((id) => parts.includes(partitionOf.get(id)!)),
    })),
  };
}

/**
 * What Kafka holds: per topic and partition, the keys (hospitals) of its last `window` messages.
 * The platform's own key (placement events) is left out.
 */
export async function readKafkaPlacement(
  brokers: string,
  topics: readonly string[],
  window = 500,
): Promise<Map<string, Map<number, Set<string>>>> {
  const kafka = new kafkajs.Kafka({
    clientId: 'hospital-placement',
    brokers: brokers.split(',').map((b) => b.trim()),
    logLevel: kafkajs.logLevel.NOTHING,
  });
  const admin = kafka.admin();
  await admin.connect();
  const existing = new Set(await admin.listTopics());
  const result = new Map<string, Map<number, Set<string>>>();
  const wanted = new Map<string, Map<number, { from: bigint; high: bigint }>>();
  for (const topic of topics.filter((t) => existing.has(t))) {
    const ends = await admin.fetchTopicOffsets(topic);
    const ranges = new Map<number, { from: bigint; high: bigint }>();
    for (const e of ends) {
      const high = BigInt(e.high);
      const low = BigInt(e.low);
      const from = high - BigInt(window) > low ? high - BigInt(window) : low;
      if (high > from) ranges.set(e.partition, { from, high });
    }
    result.set(topic, new Map(ends.map((e) => [e.partition, new Set<string>()])));
    if (ranges.size > 0) wanted.set(topic, ranges);
  }
  await admin.disconnect();
  if (wanted.size === 0) return result;
  // A throwaway group that never commits: it reads a window and leaves no trace in the offsets.
  const consumer = kafka.consumer({ groupId: `chartline.hospital-placement.${process.pid}.${Date.now()}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [...wanted.keys()], fromBeginning: true });
  let remaining = [...wanted.values()].reduce((n, r) => n + r.size, 0);
  const finished = new Promise<void>((resolve) => {
    void consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        const range = wanted.get(batch.topic)?.get(batch.partition);
        if (!range) return;
        for (const m of batch.messages) {
          if (BigInt(m.offset) < range.from || BigInt(m.offset) >= range.high) continue;
          const key = m.key?.toString() ?? '';
          if (key !== 'platform') result.get(batch.topic)!.get(batch.partition)!.add(key);
        }
        const last = BigInt(batch.messages.at(-1)?.offset ?? '-1');
        if (last + 1n >= range.high && wanted.get(batch.topic)!.delete(batch.partition)) {
          if (--remaining === 0) resolve();
        }
      },
    });
  });
  for (const [topic, ranges] of wanted) {
    for (const [partition, range] of ranges) consumer.seek({ topic, partition, offset: String(range.from) });
  }
  await Promise.race([finished, new Promise((resolve) => setTimeout(resolve, 30_000))]);
  await consumer.disconnect();
  return result;
}

export function formatPlacement(placement: Placement, partitions: number): string {
  const lines: string[] = [];
  const hospitalsOn = (p: number) => [...placement.partitionOf].filter(([, q]) => q === p).map(([id]) => id);
  lines.push('partition  hospitals');
  for (let p = 0; p < partitions; p++) lines.push(`${String(p).padStart(9)}  ${hospitalsOn(p).join(', ') || '-'}`);
  const perPartition = Array.from({ length: partitions }, (_, p) => hospitalsOn(p).length);
  lines.push(`hospitals per partition: min ${Math.min(...perPartition)}, max ${Math.max(...perPartition)}`);
  lines.push('', 'pod  partitions      hospitals');
  placement.pods.forEach((pod, i) => {
    const parts = pod.partitions.join(',') || '-';
    lines.push(
      `${String(i).padStart(3)}  ${parts.padEnd(14)}  ${pod.hospitals.length}: ${pod.hospitals.join(', ') || '-'}`,
    );
  });
  const counts = placement.pods.map((pod) => pod.hospitals.length);
  lines.push('', `hospitals per pod: min ${Math.min(...counts)}, max ${Math.max(...counts)}`);
  return lines.join('\n');
}

export function formatMoves(moving: LivePlacement['moving']): string {
  if (moving.length === 0) return 'moves in progress: none';
  return [
    'moves in progress (events held by the relay until the old partition drains):',
    ...moving.map((m) => `  ${m.hospitalId}: ${m.fromPartition} → ${m.toPartition}`),
  ].join('\n');
}

export function formatKafkaPlacement(kafka: Map<string, Map<number, Set<string>>>): string {
  const lines = ['', 'on Kafka (keys of the last messages of each partition):'];
  for (const [topic, partitions] of kafka) {
    lines.push(`  ${topic}`);
    for (const [p, keys] of [...partitions].sort(([a], [b]) => a - b)) {
      lines.push(`${String(p).padStart(11)}  ${[...keys].sort().join(', ') || '-'}`);
    }
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      predict: { type: 'boolean', default: false },
      hospitals: { type: 'string', default: '24' },
      ids: { type: 'string' },
      partitions: { type: 'string', default: process.env['KAFKA_PARTITIONS'] ?? '12' },
      pods: { type: 'string', default: '12' },
      assignor: { type: 'string', default: 'roundrobin' },
      schema: { type: 'string' },
      kafka: { type: 'boolean', default: false },
      'topic-prefix': { type: 'string', default: 'chartline.' },
      window: { type: 'string', default: '500' },
    },
  });
  const assignor = values.assignor;
  if (assignor !== 'roundrobin' && assignor !== 'range') throw new Error('--assignor must be roundrobin or range');
  const partitions = Number(values.partitions);
  const pods = Number(values.pods);
  if (values.predict) {
    const ids = values.ids
      ? values.ids
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean)
      : demoHospitalIds(Number(values.hospitals));
    console.log(formatPlacement(placeHospitals(ids, partitions, pods, assignor), partitions));
    return;
  }
  const url = process.env['EVENT_STORE_URL'];
  if (!url) throw new Error('EVENT_STORE_URL is not set (or use --predict for the key-hash prediction)');
  const store = await openEventStore(url, values.schema ? { postgresSchema: values.schema } : {});
  try {
    const live = await readLivePlacement(store, partitions, pods, assignor);
    console.log(formatPlacement(live, partitions));
    console.log(formatMoves(live.moving));
  } finally {
    await store.close();
  }
  if (values.kafka) {
    const brokers = process.env['KAFKA_BROKERS'];
    if (!brokers) throw new Error('--kafka needs KAFKA_BROKERS');
    const topics = moduleNames.map((m) => topicFor(m).replace(/^chartline\./, values['topic-prefix']));
    console.log(formatKafkaPlacement(await readKafkaPlacement(brokers, topics, Number(values.window))));
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
