import kafkajs from 'kafkajs';

const { KafkaJSError } = kafkajs;

/**
 * Runs a Kafka admin read again while it fails with an error Kafka itself calls retriable — above
 * all "not the leader for that topic-partition" in the moments after a topic is created or a
 * broker restarts, while leadership settles. Anything else, or the last failure, is thrown.
 */
export async function retryRetriable<T>(
  read: () => Promise<T>,
  options: { readonly attempts?: number; readonly delayMs?: number } = {},
): Promise<T> {
  const attempts = options.attempts ?? 5;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await read();
    } catch (error) {
      if (attempt >= attempts || !(error instanceof KafkaJSError) || !error.retriable) throw error;
      await new Promise((r) => setTimeout(r, (options.delayMs ?? 200) * attempt));
    }
  }
}
