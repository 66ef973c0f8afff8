import { setTimeout as sleep } from 'node:timers/promises';
import type { ConsumedBatch, ConsumeOptions } from '../port.js';
import { Signal } from './signal.js';
import type { TopicLog } from './topic-log.js';

const MAX_BATCH = 500;
const MAX_BACKOFF_MS = 1000;

export interface Member {
  readonly options: ConsumeOptions;
  readonly inFlight: Set<Promise<void>>;
  leaving: boolean;
}

/**
 * A consumer group as Kafka runs one: each partition is owned by one member at a time, offsets are
 * committed per partition only after the member's handler resolves, and a throwing handler gets the
 * same messages again. One worker per partition (not per member) delivers the batches, so a
 * rebalance can never let two members handle one partition at once or reorder it.
 */
export class ConsumerGroup {
  private readonly committed = new Map<string, number>();
  private readonly members: Member[] = [];
  private readonly owners = new Map<string, Member>();
  private readonly topics = new Map<string, TopicLog>();
  private readonly changed = new Signal();
  private readonly wake = () => this.changed.notify();
  private closed = false;
  /** When a batch was last committed (or the group made): the in-process consumer's progress. */
  progressAt = Date.now();

  constructor(readonly groupId: string) {}

  join(options: ConsumeOptions, topics: readonly TopicLog[]): Member {
    const member: Member = { options, inFlight: new Set(), leaving: false };
    this.members.push(member);
    for (const topic of topics) {
      if (this.topics.has(topic.name)) continue;
      this.topics.set(topic.name, topic);
      topic.listeners.add(this.wake);
      for (let partition = 0; partition < topic.partitions.length; partition++) void this.work(topic, partition);
    }
    this.rebalance();
    return member;
  }

  /** Stops handing the member batches, waits for the one in hand (which commits), then forgets it. */
  async leave(member: Member): Promise<void> {
    if (member.leaving) return;
    member.leaving = true;
    this.rebalance();
    await Promise.allSettled([...member.inFlight]);
    this.members.splice(this.members.indexOf(member), 1);
  }

  lag(): { topic: string; partition: number; lag: number }[] {
    const lags: { topic: string; partition: number; lag: number }[] = [];
    for (const topic of this.topics.values()) {
      for (let partition = 0; partition < topic.partitions.length; partition++) {
        const committed = this.committed.get(key(topic.name, partition)) ?? 0;
        lags.push({ topic: topic.name, partition, lag: topic.endOffset(partition) - committed });
      }
    }
    return lags;
  }

  /** The next offset the group reads on the partition; -1 before its first commit there. */
  committedOffset(topic: string, partition: number): number {
    return this.committed.get(key(topic, partition)) ?? -1;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const topic of this.topics.values()) topic.listeners.delete(this.wake);
    this.changed.notify();
    await Promise.allSettled(this.members.flatMap((m) => [...m.inFlight]));
  }

  private rebalance(): void {
    this.owners.clear();
    const active = this.members.filter((m) => !m.leaving);
    for (const topic of this.topics.values()) {
      const eligible = active.filter((m) => m.options.topics.includes(topic.name));
      if (eligible.length === 0) continue;
      for (let partition = 0; partition < topic.partitions.length; partition++) {
        this.owners.set(key(topic.name, partition), eligible[partition % eligible.length]!);
      }
    }
    this.changed.notify();
  }

  private async work(topic: TopicLog, partition: number): Promise<void> {
    const at = key(topic.name, partition);
    let failures = 0;
    while (!this.closed) {
      const owner = this.owners.get(at);
      const from = this.committed.get(at) ?? 0;
      if (!owner || from >= topic.endOffset(partition)) {
        await this.changed.wait();
        continue;
      }
      const batch: ConsumedBatch = { topic: topic.name, partition, messages: topic.read(partition, from, MAX_BATCH) };
      // Through a promise even if the handler throws synchronously.
      const handled = Promise.resolve().then(() => owner.options.handleBatch(batch));
      owner.inFlight.add(handled);
      try {
        await handled;
        this.committed.set(at, from + batch.messages.length);
        this.progressAt = Date.now();
        failures = 0;
      } catch (error) {
        failures++;
        try {
          owner.options.onBatchError?.(error, batch);
        } catch {
          // A faulty observer must not stop the partition.
        }
        await sleep(Math.min(25 * 2 ** failures, MAX_BACKOFF_MS), undefined, { ref: false });
      } finally {
        owner.inFlight.delete(handled);
      }
    }
  }
}

function key(topic: string, partition: number): string {
  return `${topic}\u0000${partition}`;
}
