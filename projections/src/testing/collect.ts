import type { ConsumedMessage, EventBus } from '@chartline/infra';

/** Reads a topic from the start in its own consumer group, collecting what arrives (e.g. a DLQ). */
export async function collectTopic(bus: EventBus, topic: string, groupId = `test.collect.${topic}.${Date.now()}`) {
  const messages: ConsumedMessage[] = [];
  const consumer = await bus.consume({
    groupId,
    topics: [topic],
    handleBatch: async (batch) => {
      messages.push(...batch.messages);
    },
  });
  return { messages, stop: () => consumer.stop() };
}

/** Polls until `check` holds or the time runs out (then the caller's assertion tells what is missing). */
export async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
}
