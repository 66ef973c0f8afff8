import kafkajs, { type Admin, type Kafka, type Producer } from 'kafkajs';
import type { BusMessage, ConsumeOptions, Consumer, EventBus, PartitionOffset } from '../port.js';
import { type KafkaConsumerTuning, startKafkaConsumer } from './consumer.js';
import { translate } from './errors.js';
import { type BusLogger, kafkaLogCreator } from './log.js';

const { Kafka: KafkaClient, Partitioners, logLevel } = kafkajs;

export interface KafkaBusConfig extends KafkaConsumerTuning {
  /** Comma-separated host:port list (KAFKA_BROKERS). */
  readonly brokers: string;
  readonly clientId?: string;
  /** Receives kafkajs warnings and errors; without one kafkajs stays silent. */
  readonly logger?: BusLogger;
  /** Retries of a failed request before BusUnavailable (about 5 s with the default 5). */
  readonly retries?: number;
}

/**
 * The production bus. The producer is idempotent with acks=all and one request in flight, so a
 * retried send neither duplicates nor reorders; the default (Java-compatible murmur2) partitioner
 * keeps all of a hospital's events in one partition. Clients connect on first use, so a process
 * starts while Kafka is away and reports BusUnavailable per call (and false from ping).
 */
export class KafkaBus implements EventBus {
  private readonly kafka: Kafka;
  private producer: Promise<Producer> | undefined;
  private admin: Promise<Admin> | undefined;
  private readonly consumers = new Set<Consumer>();

  constructor(private readonly config: KafkaBusConfig) {
    this.kafka = new KafkaClient({
      clientId: config.clientId ?? 'chartline',
      brokers: config.brokers.split(',').map((b) => b.trim()),
      connectionTimeout: 2000,
      requestTimeout: 30_000,
      retry: { retries: config.retries ?? 5, initialRetryTime: 200, maxRetryTime: 2000 },
      logLevel: config.logger ? logLevel.WARN : logLevel.NOTHING,
      ...(config.logger && { logCreator: kafkaLogCreator(config.logger) }),
    });
  }

  async ensureTopics(topics: readonly string[], partitions: number): Promise<void> {
    if (!Number.isInteger(partitions) || partitions < 1) throw new RangeError('partitions must be a positive integer');
    try {
      const admin = await this.connectedAdmin();
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((t) => !existing.has(t));
      if (missing.length === 0) return;
      // Idempotent: a topic created meanwhile by another process is not an error (createTopics → false).
      await admin.createTopics({
        topics: missing.map((topic) => ({ topic, numPartitions: partitions })),
        waitForLeaders: true,
      });
    } catch (error) {
      if (isTopicAlreadyExists(error)) return;
      throw translate(error);
    }
  }

  async publish(topic: string, messages: readonly BusMessage[]): Promise<void> {
    if (messages.length === 0) return;
    try {
      const producer = await this.connectedProducer();
      await producer.send({
        topic,
        acks: -1,
        // An explicit partition wins over the key hash (kafkajs's partitioners honour `partition`).
        messages: messages.map((m) => ({
          key: m.key,
          value: m.value,
          headers: { ...m.headers },
          ...(m.partition !== undefined && { partition: m.partition }),
        })),
      });
    } catch (error) {
      throw translate(error, topic);
    }
  }

  async consume(options: ConsumeOptions): Promise<Consumer> {
    const consumer = await startKafkaConsumer(this.kafka, () => this.connectedAdmin(), options, this.config);
    const tracked: Consumer = {
      lag: () => consumer.lag(),
      progress: () => consumer.progress(),
      stop: async () => {
        this.consumers.delete(tracked);
        await consumer.stop();
      },
    };
    this.consumers.add(tracked);
    return tracked;
  }

  async endOffsets(topic: string): Promise<readonly PartitionOffset[]> {
    try {
      const admin = await this.connectedAdmin();
      const ends = await admin.fetchTopicOffsets(topic);
      return ends.map((e) => ({ partition: e.partition, offset: Number(e.high) })).sort(byPartition);
    } catch (error) {
      throw translate(error, topic);
    }
  }

  async committedOffsets(groupId: string, topic: string): Promise<readonly PartitionOffset[]> {
    try {
      const admin = await this.connectedAdmin();
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      return (committed?.partitions ?? [])
        .map((p) => ({ partition: p.partition, offset: Number(p.offset) }))
        .sort(byPartition);
    } catch (error) {
      throw translate(error, topic);
    }
  }

  async ping(): Promise<boolean> {
    try {
      const admin = await this.connectedAdmin();
      await admin.describeCluster();
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.consumers].map((c) => c.stop()));
    const [producer, admin] = [this.producer, this.admin];
    this.producer = undefined;
    this.admin = undefined;
    await Promise.allSettled([producer?.then((p) => p.disconnect()), admin?.then((a) => a.disconnect())]);
  }

  private connectedProducer(): Promise<Producer> {
    this.producer ??= connectOrForget(
      this.kafka.producer({
        idempotent: true,
        maxInFlightRequests: 1,
        allowAutoTopicCreation: false,
        createPartitioner: Partitioners.DefaultPartitioner,
      }),
      () => {
        this.producer = undefined;
      },
    );
    return this.producer;
  }

  private connectedAdmin(): Promise<Admin> {
    this.admin ??= connectOrForget(this.kafka.admin(), () => {
      this.admin = undefined;
    });
    return this.admin;
  }
}

const byPartition = (a: PartitionOffset, b: PartitionOffset) => a.partition - b.partition;

/** A failed connect is not cached: the next call tries again. */
async function connectOrForget<T extends { connect(): Promise<void> }>(client: T, forget: () => void): Promise<T> {
  try {
    await client.connect();
    return client;
  } catch (error) {
    forget();
    throw error;
  }
}

function isTopicAlreadyExists(error: unknown): boolean {
  const errors = (error as { errors?: { type?: string }[] })?.errors ?? [];
  return (
    (error as { type?: string })?.type === 'TOPIC_ALREADY_EXISTS' ||
    errors.some((e) => e.type === 'TOPIC_ALREADY_EXISTS')
  );
}
