import { dlqTopicFor, topicFor } from '@chartline/events';

/**
 * A bench run's own topics and consumer groups on the shared Kafka: `<prefix>chartline.<module>…`.
 * The production entrypoints use the production names, and another engineer's end-to-end run
 * under the same consumer group would share (and split) the partitions with the bench.
 */
export const prefix = (): string => {
  const value = process.env['BENCH_TOPIC_PREFIX'];
  if (!value) throw new Error('BENCH_TOPIC_PREFIX is not set');
  return value;
};

export const runTopics = (module: string): { topic: string; dlqTopic: string } => ({
  topic: `${prefix()}${topicFor(module)}`,
  dlqTopic: `${prefix()}${dlqTopicFor(module)}`,
});

export const PARTITIONS = 6;
