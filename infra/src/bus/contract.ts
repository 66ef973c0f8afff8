import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';
import { partitionForKey } from './partition.js';
import type { BusMessage, ConsumedBatch, ConsumedMessage, Consumer, EventBus } from './port.js';

/**
 * The behaviour every EventBus adapter must show, registered as mocha suites. `open` is called once
 * per suite; topics and groups get fresh names per test so parallel runs on one Kafka never meet.
 */
export function eventBusContract(open: (ctx: Mocha.Context) => Promise<EventBus>, patienceMs = 30_000): void {
  describe('EventBus contract', () => {
    let bus: EventBus;
    const consumers: Consumer[] = [];
    const PARTITIONS = 4;

    before(async function () {
      bus = await open(this);
    });
    afterEach(async () => {
      await Promise.all(consumers.splice(0).map((c) => c.stop()));
    });
    after(async () => {
      await bus?.close();
    });

    const name = (what: string) => `contract.${what}.${uuidv7()}`;
    const until = (what: string, check: () => boolean | Promise<boolean>) => waitUntil(what, check, patienceMs);
    const consume = async (groupId: string, topic: string, handle: (b: ConsumedBatch) => Promise<void> | void) => {
      const consumer = await bus.consume({ groupId, topics: [topic], handleBatch: async (b) => handle(b) });
      consumers.push(consumer);
      return consumer;
    };
    /** One key per partition, so a test can reach every partition on purpose. */
    const keysForEveryPartition = (topic: string, partitions = PARTITIONS) => {
      const keys: string[] = [];
      for (let i = 0; keys.length < partitions; i++) {
        const key = `hospital-${i}`;
        if (partitionForKey(topic, key, partitions) === keys.length) keys.push(key);
      }
      return keys;
    };
    const message = (key: string, n: number): BusMessage => ({
      key,
      value: Buffer.from(JSON.stringify({ key, n })),
      headers: { type: 'test.Numbered', n: String(n) },
    });
    const numberOf = (m: ConsumedMessage) => (JSON.parse(m.value.toString()) as { n: number }).n;

    it('answers ping', async () => {
      expect(await bus.ping()).to.equal(true);
    });

    it('creates topics idempotently: each exists with the partitions it was first created with', async () => {
      const topic = name('ensure');
      const other = name('ensure-other');
      await bus.ensureTopics([topic], PARTITIONS);
      await bus.ensureTopics([topic], PARTITIONS);
      await bus.ensureTopics([topic, other], 2);
      // One message per partition the topic should have: it lands where a topic of exactly that
      // many partitions puts it, so a topic recreated, resized or missing shows.
      const expected = new Map([
        [topic, PARTITIONS],
        [other, 2],
      ]);
      const got: ConsumedMessage[] = [];
      for (const [t, partitions] of expected) {
        await bus.publish(
          t,
          keysForEveryPartition(t, partitions).map((key, i) => message(key, i)),
        );
        await consume(name('g'), t, (b) => {
          got.push(...b.messages);
        });
      }
      await until('one message on every partition of both topics', () => got.length === PARTITIONS + 2);
      for (const [t, partitions] of expected) {
        const onTopic = got.filter((m) => m.topic === t);
        expect(onTopic.map((m) => m.partition).sort(), t).to.deep.equal([...Array(partitions).keys()]);
        for (const m of onTopic) expect(m.partition, m.key).to.equal(partitionForKey(t, m.key, partitions));
      }
    });

    it('delivers what was published: key, value, headers, topic, partition and offset', async () => {
      const topic = name('roundtrip');
      await bus.ensureTopics([topic], PARTITIONS);
      await bus.publish(topic, [message('hospital-a', 1), message('hospital-a', 2)]);
      const got: ConsumedMessage[] = [];
      await consume(name('g'), topic, (b) => {
        got.push(...b.messages);
      });
      await until('both messages arrive', () => got.length === 2);
      const partition = partitionForKey(topic, 'hospital-a', PARTITIONS);
      expect(got.map((m) => [m.topic, m.partition, m.key, numberOf(m), m.headers])).to.deep.equal([
        [topic, partition, 'hospital-a', 1, { type: 'test.Numbered', n: '1' }],
        [topic, partition, 'hospital-a', 2, { type: 'test.Numbered', n: '2' }],
      ]);
      expect(BigInt(got[1]!.offset)).to.equal(BigInt(got[0]!.offset) + 1n);
    });

    it("keeps each key's messages in order, in the partition Kafka's default partitioner picks", async () => {
      const topic = name('order');
      await bus.ensureTopics([topic], PARTITIONS);
      const keys = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7'];
      for (let round = 0; round < 5; round++) {
        await bus.publish(
          topic,
          Array.from({ length: 40 }, (_, i) => message(keys[i % keys.length]!, round * 40 + i)),
        );
      }
      const seen = new Map<string, { n: number; partition: number }[]>();
      let total = 0;
      await consume(name('g'), topic, (b) => {
        for (const m of b.messages) {
          expect(m.partition).to.equal(b.partition);
          seen.set(m.key, [...(seen.get(m.key) ?? []), { n: numberOf(m), partition: m.partition }]);
          total++;
        }
      });
      await until('all 200 messages arrive', () => total === 200);
      for (const key of keys) {
        const got = seen.get(key) ?? [];
        const ns = got.map((g) => g.n);
        expect(ns, key).to.deep.equal([...ns].sort((a, b) => a - b));
        expect(ns.length).to.be.at.least(25);
        expect(new Set(got.map((g) => g.partition)), key).to.deep.equal(
          new Set([partitionForKey(topic, key, PARTITIONS)]),
        );
      }
    });

    it('puts a message on the partition it names, whatever its key (the relay placing hospitals)', async () => {
      const topic = name('placed');
      await bus.ensureTopics([topic], PARTITIONS);
      const key = 'hospital-placed';
      const hashed = partitionForKey(topic, key, PARTITIONS);
      const chosen = (hashed + 1) % PARTITIONS;
      await bus.publish(topic, [
        { ...message(key, 1), partition: chosen },
        { ...message(key, 2), partition: chosen },
        message(key, 3),
      ]);
      const got: ConsumedMessage[] = [];
      await consume(name('g'), topic, (b) => {
        got.push(...b.messages);
      });
      await until('all three arrive', () => got.length === 3);
      const where = (n: number) => got.find((m) => numberOf(m) === n)!.partition;
      expect([where(1), where(2), where(3)]).to.deep.equal([chosen, chosen, hashed]);
      const onChosen = got.filter((m) => m.partition === chosen).map(numberOf);
      expect(onChosen, 'in order on the chosen partition').to.deep.equal([1, 2]);
    });

    it('reports end offsets per partition, and what a group has committed (-1 before its first commit)', async () => {
      const topic = name('offsets');
      await bus.ensureTopics([topic], PARTITIONS);
      await bus.publish(topic, [
        { ...message('h', 1), partition: 1 },
        { ...message('h', 2), partition: 1 },
        { ...message('h', 3), partition: 3 },
      ]);
      expect(await bus.endOffsets(topic)).to.deep.equal([
        { partition: 0, offset: 0 },
        { partition: 1, offset: 2 },
        { partition: 2, offset: 0 },
        { partition: 3, offset: 1 },
      ]);
      const groupId = name('g');
      expect((await bus.committedOffsets(groupId, topic)).map((o) => o.offset)).to.deep.equal([-1, -1, -1, -1]);
      let handled = 0;
      await consume(groupId, topic, (b) => {
        handled += b.messages.length;
      });
      await until('both partitions committed', async () => {
        const committed = await bus.committedOffsets(groupId, topic);
        return committed[1]?.offset === 2 && committed[3]?.offset === 1;
      });
      expect(handled).to.equal(3);
      const committed = await bus.committedOffsets(groupId, topic);
      expect(committed.map((o) => o.partition)).to.deep.equal([0, 1, 2, 3]);
      expect([committed[1]!.offset, committed[3]!.offset]).to.deep.equal([2, 1]);
    });

    it('redelivers a batch whose handler threw, and commits it only once it succeeds', async () => {
      const topic = name('redeliver');
      await bus.ensureTopics([topic], PARTITIONS);
      await bus.publish(topic, [message('h', 1), message('h', 2), message('h', 3)]);
      const groupId = name('g');
      const deliveries: number[] = [];
      const errors: unknown[] = [];
      let failuresLeft = 2;
      const consumer = await bus.consume({
        groupId,
        topics: [topic],
        handleBatch: async (b) => {
          deliveries.push(...b.messages.map(numberOf));
          if (failuresLeft-- > 0) throw new Error('projection store briefly down');
        },
        onBatchError: (error) => errors.push(error),
      });
      consumers.push(consumer);
      await until('the batch succeeds after two failures', () => failuresLeft < 0 && deliveries.length >= 9);
      expect(deliveries.slice(0, 3)).to.deep.equal([1, 2, 3]);
      expect(deliveries.slice(3, 6)).to.deep.equal([1, 2, 3]);
      expect(errors).to.have.length(2);
      await until('the offset is committed', async () => (await consumer.lag()).every((l) => l.lag === 0));
    });

    it('commits nothing while the handler keeps failing: the next member of the group starts over', async () => {
      const topic = name('nocommit');
      await bus.ensureTopics([topic], PARTITIONS);
      await bus.publish(topic, [message('h', 1), message('h', 2)]);
      const groupId = name('g');
      let attempts = 0;
      const failing = await consume(groupId, topic, () => {
        attempts++;
        throw new Error('always');
      });
      await until('two failed attempts', () => attempts >= 2);
      expect((await failing.lag()).reduce((sum, l) => sum + l.lag, 0)).to.equal(2);
      await failing.stop();
      const got: number[] = [];
      await consume(groupId, topic, (b) => {
        got.push(...b.messages.map(numberOf));
      });
      await until('the new member gets both messages', () => got.length >= 2);
      expect(got).to.deep.equal([1, 2]);
    });

    it('stop() finishes the batch in hand and commits it', async () => {
      const topic = name('stop');
      await bus.ensureTopics([topic], PARTITIONS);
      await bus.publish(topic, [message('h', 1), message('h', 2)]);
      const groupId = name('g');
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let started = false;
      let finished = false;
      const first = await bus.consume({
        groupId,
        topics: [topic],
        handleBatch: async () => {
          started = true;
          await gate;
          finished = true;
        },
      });
      await until('the batch is in hand', () => started);
      const stopping = first.stop();
      setTimeout(release, 200);
      await stopping;
      expect(finished, 'stop waited for the batch').to.equal(true);

      await bus.publish(topic, [message('h', 3)]);
      const got: number[] = [];
      await consume(groupId, topic, (b) => {
        got.push(...b.messages.map(numberOf));
      });
      await until('the next member gets the new message', () => got.length >= 1);
      expect(got).to.deep.equal([3]);
    });

    it('reports lag per partition: end offset minus committed offset', async () => {
      const topic = name('lag');
      await bus.ensureTopics([topic], PARTITIONS);
      const [key] = keysForEveryPartition(topic);
      await bus.publish(
        topic,
        Array.from({ length: 10 }, (_, i) => message(key!, i)),
      );
      let release!: () => void;
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      let handled = 0;
      const consumer = await consume(name('g'), topic, async (b) => {
        await gate;
        handled += b.messages.length;
      });
      const lags = await consumer.lag();
      expect(lags.map((l) => [l.topic, l.partition, l.lag]).sort()).to.deep.equal(
        [0, 1, 2, 3].map((p) => [topic, p, p === 0 ? 10 : 0]).sort(),
      );
      release();
      await until('all handled', () => handled === 10);
      await until('lag drops to zero', async () => (await consumer.lag()).every((l) => l.lag === 0));
    });

    it('shares the partitions among the members of a group, and hands them over when one leaves', async () => {
      const topic = name('share');
      await bus.ensureTopics([topic], PARTITIONS);
      const keys = keysForEveryPartition(topic);
      const groupId = name('g');
      const byMember: Set<number>[] = [new Set(), new Set()];
      const seenCount = new Map<number, number>();
      let round = 0;
      const handler = (member: number) => (b: ConsumedBatch) => {
        for (const m of b.messages) {
          if (numberOf(m) !== round) continue;
          byMember[member]!.add(m.partition);
          seenCount.set(m.partition, (seenCount.get(m.partition) ?? 0) + 1);
        }
      };
      const a = await consume(groupId, topic, handler(0));
      await consume(groupId, topic, handler(1));

      // A rebalance takes Kafka a few seconds: publish one message per partition per round until a
      // whole round is split between the two members.
      const playRound = async () => {
        round++;
        for (const set of byMember) set.clear();
        seenCount.clear();
        await bus.publish(
          topic,
          keys.map((k) => message(k, round)),
        );
        await until(`round ${round} consumed`, () => seenCount.size === PARTITIONS);
      };
      await until('both members own partitions', async () => {
        await playRound();
        return byMember.every((s) => s.size > 0);
      });
      expect(
        [...byMember[0]!].filter((p) => byMember[1]!.has(p)),
        'no partition owned twice',
      ).to.deep.equal([]);
      expect([...seenCount.values()], 'each message once').to.deep.equal([1, 1, 1, 1]);

      await a.stop();
      await until('the remaining member owns every partition', async () => {
        await playRound();
        return byMember[1]!.size === PARTITIONS;
      });
    });
  });
}

export async function waitUntil(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
