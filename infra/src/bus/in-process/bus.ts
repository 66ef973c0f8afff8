import { UnknownTopic } from '../errors.js';
import { partitionForKey } from '../partition.js';
import type { BusMessage, ConsumeOptions, Consumer, EventBus, PartitionOffset } from '../port.js';
import { ConsumerGroup } from './consumer-group.js';
import { TopicLog } from './topic-log.js';

/**
 * The event bus of the embedded start: Kafka's model (partitioned logs, consumer groups, committed
 * offsets) in one process's memory. Messages live as long as the process; the relay refeeds it
 * from the event store at start.
 */
export class InProcessBus implements EventBus {
  private readonly topics = new Map<string, TopicLog>();
  private readonly groups = new Map<string, ConsumerGroup>();

  async ensureTopics(topics: readonly string[], partitions: number): Promise<void> {
    if (!Number.isInteger(partitions) || partitions < 1) throw new RangeError('partitions must be a positive integer');
    for (const name of topics) {
      // Like Kafka's createTopics: an existing topic keeps its partitions.
      if (!this.topics.has(name)) this.topics.set(name, new TopicLog(name, partitions));
    }
  }

  async publish(topic: string, messages: readonly BusMessage[]): Promise<void> {
    const log = this.topicLog(topic);
    for (const message of messages) {
      const partition = message.partition ?? partitionForKey(topic, message.key, log.partitions.length);
      // As Kafka refuses a produce to a partition the topic does not have.
      if (!Number.isInteger(partition) || partition < 0 || partition >= log.partitions.length) {
        throw new RangeError(`${topic} has no partition ${partition}`);
      }
      log.append(partition, message);
    }
  }

  async consume(options: ConsumeOptions): Promise<Consumer> {
    const topics = options.topics.map((name) => this.topicLog(name));
    let group = this.groups.get(options.groupId);
    if (!group) {
      group = new ConsumerGroup(options.groupId);
      this.groups.set(options.groupId, group);
    }
    const joined = group;
    const member = joined.join(options, topics);
    return {
      lag: async () => joined.lag().filter((l) => options.topics.includes(l.topic)),
      progress: () => ({ joined: !member.leaving, progressAt: joined.progressAt }),
      stop: () => joined.leave(member),
    };
  }

  async endOffsets(topic: string): Promise<readonly PartitionOffset[]> {
    const log = this.topicLog(topic);
    return log.partitions.map((_, partition) => ({ partition, offset: log.endOffset(partition) }));
  }

  async committedOffsets(groupId: string, topic: string): Promise<readonly PartitionOffset[]> {
    const log = this.topicLog(topic);
    const group = this.groups.get(groupId);
    return log.partitions.map((_, partition) => ({
      partition,
      offset: group?.committedOffset(topic, partition) ?? -1,
    }));
  }

  async ping(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    await Promise.all([...this.groups.values()].map((g) => g.close()));
    this.groups.clear();
  }

  private topicLog(name: string): TopicLog {
    const log = this.topics.get(name);
    if (!log) throw new UnknownTopic(name);
    return log;
  }
}
