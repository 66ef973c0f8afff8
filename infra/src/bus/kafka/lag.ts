import type { Admin } from 'kafkajs';

/** A consumer group's lag on one partition: messages produced and not yet committed by the group. */
export interface PartitionLag {
  readonly topic: string;
  readonly partition: number;
  readonly lag: number;
}

/**
 * A consumer group's lag per partition of its topics, as Kafka has it now (one read, no retry:
 * callers choose theirs). A partition the group has not committed on yet counts from the earliest
 * message still kept, where the group will start.
 */
export async function readGroupLag(admin: Admin, groupId: string, topics: readonly string[]): Promise<PartitionLag[]> {
  const committed = await admin.fetchOffsets({ groupId, topics: [...topics] });
  const lags: PartitionLag[] = [];
  for (const topic of topics) {
    const ends = await admin.fetchTopicOffsets(topic);
    const group = committed.find((c) => c.topic === topic)?.partitions ?? [];
    for (const end of ends) {
      const offset = Number(group.find((p) => p.partition === end.partition)?.offset ?? '-1');
      const from = offset >= 0 ? offset : Number(end.low);
      lags.push({ topic, partition: end.partition, lag: Math.max(0, Number(end.high) - from) });
    }
  }
  return lags;
}
