import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { requireService } from '../../testing/services.js';
import type { BusMessage } from '../port.js';
import { KafkaBus } from './bus.js';

/**
 * The chaos suite's Kafka-restart stall, at its cause: after the broker came back, each projector
 * fetched the whole backlog of the outage as ONE batch, which took longer than the group session
 * (47–63 s for 140–240 events on the loaded machine, session 30 s). kafkajs heartbeats only between
 * batches, so the coordinator dropped the member mid-batch, the commit failed (UNKNOWN_MEMBER_ID),
 * the member rejoined and fetched an even bigger batch from the same committed offset: applied
 * again and again, committed never, lag growing, /readyz ready. Here the same with a short session
 * and a handler slower than it: the group must still commit everything, and handle each message
 * a bounded number of times.
 */
describe('KafkaBus consumer: a backlog that takes longer than the group session to handle', function () {
  this.timeout(180_000);
  let brokers: string;
  before(function () {
    brokers = requireService(this, 'KAFKA_BROKERS');
  });

  it('keeps its membership and commits the backlog (no re-fetch of the same batch forever)', async () => {
    const topic = `slow-batch.${Date.now()}`;
    const groupId = `${topic}.group`;
    // The broker's smallest session (group.min.session.timeout.ms): 6 s.
    const bus = new KafkaBus({
      brokers,
      clientId: 'slow-batch',
      sessionTimeoutMs: 6000,
      heartbeatIntervalMs: 500,
      maxBatchMessages: 40,
    });
    const handled = new Map<string, number>();
    let largest = 0;
    try {
      await bus.ensureTopics([topic], 1);
      const backlog: BusMessage[] = Array.from({ length: 60 }, (_, i) => ({
        key: 'h1',
        value: Buffer.from(`m${i}`),
        headers: {},
      }));
      await bus.publish(topic, backlog);
      const consumer = await bus.consume({
        groupId,
        topics: [topic],
        handleBatch: async (batch) => {
          largest = Math.max(largest, batch.messages.length);
          // 200 ms a message: 40 take 8 s, longer than the session.
          for (const m of batch.messages) {
            await sleep(200);
            const id = m.value.toString();
            handled.set(id, (handled.get(id) ?? 0) + 1);
          }
        },
      });
      const joinedBy = Date.now();
      const deadline = Date.now() + 90_000;
      let lag = Number.POSITIVE_INFINITY;
      while (Date.now() < deadline) {
        lag = (await consumer.lag()).reduce((sum, p) => sum + p.lag, 0);
        if (lag === 0) break;
        await sleep(500);
      }
      expect(lag, 'messages the group has not committed after 90 s').to.equal(0);
      expect(handled.size).to.equal(60);
      expect(Math.max(...handled.values()), 'times the most handled message was handled').to.be.at.most(2);
      expect(largest, 'messages handed to one handleBatch (maxBatchMessages)').to.equal(40);
      // What /readyz reads: still a member, and it moved forward (committed) after it started.
      const progress = consumer.progress();
      expect(progress.joined).to.equal(true);
      expect(progress.progressAt).to.be.above(joinedBy);
    } finally {
      await bus.close();
    }
  });
});
