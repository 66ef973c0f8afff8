import kafkajs from 'kafkajs';

const { Partitioners } = kafkajs;

/**
 * The partition Kafka's default (Java-compatible murmur2) partitioner picks for a key. The
 * in-process bus uses the very same function, so a hospital lands in the same partition number in
 * the embedded start as in production, and tests of partition ownership mean the same thing.
 */
export function partitionForKey(topic: string, key: string, partitions: number): number {
  const metadata = Array.from({ length: partitions }, (_, partitionId) => ({
    partitionErrorCode: 0,
    partitionId,
    leader: 0,
    replicas: [0],
    isr: [0],
  }));
  return defaultPartitioner({ topic, partitionMetadata: metadata, message: { key, value: null } });
}

const defaultPartitioner = Partitioners.DefaultPartitioner();
