import { expect } from 'chai';
import type { Admin, Consumer, KafkaMessage, Producer } from 'kafkajs';
import kafkajs from 'kafkajs';
import { v7 as uuidv7 } from 'uuid';
import { requireService } from '../testing/services.js';

const { Kafka, logLevel, Partitioners } = kafkajs;

// Proves kafkajs talks to the broker services.sh runs: the same calls the relay (create topic,
// produce keyed by hospital) and the projections (consumer group from the beginning) make.
describe('smoke: Kafka through kafkajs', () => {
  const topic = `chartline.smoke.${uuidv7()}`;
  const groupId = `chartline-smoke-${uuidv7()}`;
  let admin: Admin | undefined;
  let producer: Producer | undefined;
  let consumer: Consumer | undefined;
  let kafka: InstanceType<typeof Kafka>;

  before(function () {
    const brokers = requireService(this, 'KAFKA_BROKERS');
    kafka = new Kafka({ clientId: 'chartline-smoke', brokers: brokers.split(','), logLevel: logLevel.ERROR });
  });

  after(async () => {
    await consumer?.disconnect();
    await producer?.disconnect();
    if (admin) {
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });

  it('creates a topic, produces a keyed message, and a consumer group reads it back', async () => {
    admin = kafka.admin();
    await admin.connect();
    const created = await admin.createTopics({
      topics: [{ topic, numPartitions: 3, replicationFactor: 1 }],
      waitForLeaders: true,
    });
    expect(created).to.equal(true);
    expect(await admin.listTopics()).to.include(topic);

    producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    const hospitalId = uuidv7();
    const value = JSON.stringify({ type: 'smoke.pinged', hospitalId });
    const [sent] = await producer.send({
      topic,
      messages: [{ key: hospitalId, value, headers: { 'chartline-smoke': 'yes' } }],
    });
    expect(sent?.errorCode).to.equal(0);

    consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 1_000 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received = await firstMessage(consumer, 30_000);

    expect(received.key?.toString()).to.equal(hospitalId);
    expect(received.value?.toString()).to.equal(value);
    expect(received.headers?.['chartline-smoke']?.toString()).to.equal('yes');

    const [group] = (await admin.describeGroups([groupId])).groups;
    expect(group?.state).to.equal('Stable');
    expect(group?.members).to.have.length(1);
  });
});

function firstMessage(consumer: Consumer, withinMs: number): Promise<KafkaMessage> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no message consumed within ${withinMs} ms`)), withinMs);
    consumer
      .run({
        eachMessage: async ({ message }) => {
          clearTimeout(timer);
          resolve(message);
        },
      })
      .catch((error: unknown) => {
        clearTimeout(timer);
        reject(error);
      });
  });
}
