import type { BusMessage, ConsumedMessage } from '../port.js';

/** A topic as Kafka keeps it: per partition an append-only log whose index is the offset. */
export class TopicLog {
  readonly partitions: ConsumedMessage[][];
  /** Called after every append, so that consumer groups wake their partition workers. */
  readonly listeners = new Set<() => void>();

  constructor(
    readonly name: string,
    partitionCount: number,
  ) {
    this.partitions = Array.from({ length: partitionCount }, () => []);
  }

  append(partition: number, message: BusMessage): void {
    const log = this.partitions[partition]!;
    log.push(
      Object.freeze({
        topic: this.name,
        partition,
        offset: String(log.length),
        key: message.key,
        // Copied: a publisher reusing its buffer must not rewrite history.
        value: Buffer.from(message.value),
        headers: Object.freeze({ ...message.headers }),
      }),
    );
    for (const listener of this.listeners) listener();
  }

  endOffset(partition: number): number {
    return this.partitions[partition]?.length ?? 0;
  }

  read(partition: number, from: number, max: number): ConsumedMessage[] {
    const log = this.partitions[partition] ?? [];
    // Each consumer gets its own buffers, as it would from the network.
    return log.slice(from, from + max).map((m) => ({ ...m, value: Buffer.from(m.value) }));
  }
}
