/**
 * The event bus port: Kafka in production, an in-process bus in the embedded start. The relay
 * publishes; each module's projector consumes its topic in a consumer group. Messages of one key
 * (a hospital) keep their order, as they do within a Kafka partition.
 */
export interface BusMessage {
  readonly key: string;
  readonly value: Buffer;
  readonly headers: Readonly<Record<string, string>>;
  /**
   * The partition, chosen by the publisher (the relay, from the hospitals' placement). Absent: the
   * partition Kafka's default partitioner picks for the key.
   */
  readonly partition?: number;
}

export interface ConsumedMessage extends BusMessage {
  readonly topic: string;
  readonly partition: number;
  /** Kafka offset (decimal string, as kafkajs gives it). */
  readonly offset: string;
}

export interface ConsumedBatch {
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly ConsumedMessage[];
}

export interface ConsumeOptions {
  readonly groupId: string;
  readonly topics: readonly string[];
  /**
   * Called per batch of one partition. Offsets are committed only after it resolves; if it throws,
   * the same messages are delivered again from the last committed offset (after a short backoff).
   * A group with no committed offset starts at the earliest message: a new projection sees all.
   */
  handleBatch(batch: ConsumedBatch): Promise<void>;
  /** Told about a batch whose handler threw, before it is redelivered (for logs and metrics). */
  onBatchError?(error: unknown, batch: ConsumedBatch): void;
}

/** Whether a consumer is moving: what its process's /readyz `consumer` check reads. */
export interface ConsumerProgress {
  /** A member of its group now (joined, and not crashed or stopped since). */
  readonly joined: boolean;
  /** When it last moved forward (ms since the epoch): joined its group, or committed a batch. */
  readonly progressAt: number;
}

export interface Consumer {
  /** Lag (messages behind the partition's high watermark) per topic and partition. */
  lag(): Promise<readonly { topic: string; partition: number; lag: number }[]>;
  progress(): ConsumerProgress;
  /** Finishes the batch in hand, commits, leaves the group. */
  stop(): Promise<void>;
}

export interface PartitionOffset {
  readonly partition: number;
  readonly offset: number;
}

export interface EventBus {
  /** Creates the topics if missing, with the given partition count. */
  ensureTopics(topics: readonly string[], partitions: number): Promise<void>;
  /** Resolves only when every message is acknowledged (acks=all). Order is kept per key. */
  publish(topic: string, messages: readonly BusMessage[]): Promise<void>;
  consume(options: ConsumeOptions): Promise<Consumer>;
  /** Per partition of the topic, the offset the next message will get (Kafka's high watermark). */
  endOffsets(topic: string): Promise<readonly PartitionOffset[]>;
  /**
   * Per partition of the topic, the offset the group committed (the next message it will read);
   * -1 where it has committed nothing.
   */
  committedOffsets(groupId: string, topic: string): Promise<readonly PartitionOffset[]>;
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
