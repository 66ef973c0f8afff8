/**
 * Which projector pod owns which hospitals. Events are keyed by hospitalId, so a hospital's
 * events all land on one partition (Kafka's default partitioner), and a partition is consumed by
 * one pod of the group. Prints the placement for a number of hospitals, partitions and pods:
 *
 *   npx tsx scripts/hospital-placement.ts --hospitals 24 --partitions 12 --pods 12
 *   npx tsx scripts/hospital-placement.ts --ids hospital-a,hospital-b --partitions 12 --pods 3 --assignor range
 *
 * Assignors: `roundrobin` (kafkajs's default, what the projectors use) gives partition p to the
 * (p mod pods)-th member; `range` (the Java client's default) gives each member a contiguous run.
 * Members are ordered by member id, which Kafka makes up at join time: which pod gets which
 * share is arbitrary, how the shares are cut is not.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
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

export function formatPlacement(placement: Placement, partitions: number): string {
  const lines: string[] = [];
  const hospitalsOn = (p: number) => [...placement.partitionOf].filter(([, q]) => q === p).map(([id]) => id);
  lines.push('partition  hospitals');
  for (let p = 0; p < partitions; p++) lines.push(`${String(p).padStart(9)}  ${hospitalsOn(p).join(', ') || '-'}`);
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

function main(): void {
  const { values } = parseArgs({
    options: {
      hospitals: { type: 'string', default: '24' },
      ids: { type: 'string' },
      partitions: { type: 'string', default: '12' },
      pods: { type: 'string', default: '12' },
      assignor: { type: 'string', default: 'roundrobin' },
    },
  });
  const assignor = values.assignor;
  if (assignor !== 'roundrobin' && assignor !== 'range') throw new Error('--assignor must be roundrobin or range');
  const ids = values.ids
    ? values.ids
        .split(',')
        .map((id) => id.trim())
        .filter(Boolean)
    : demoHospitalIds(Number(values.hospitals));
  const partitions = Number(values.partitions);
  const placement = placeHospitals(ids, partitions, Number(values.pods), assignor);
  console.log(formatPlacement(placement, partitions));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
