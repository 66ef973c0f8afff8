import type { BusMessage, ConsumedMessage } from '../bus/port.js';

/** Headers a parked message carries on top of its own; the replay tool strips them again. */
export const DLQ_HEADER_PREFIX = 'dlq-';
export const DLQ_HEADERS = {
  reason: 'dlq-reason',
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  attempts: 'dlq-attempts',
  parkedAt: 'dlq-parked-at',
} as const;

const MAX_REASON = 500;

/**
 * The reason names the error class and, for errors whose messages are PHI-free by contract (the
 * catalogue's codec errors, the runtime's own), the message. A driver's message may quote a
 * document (a duplicate-key error does), so for those only the class and code are kept.
 */
export function reasonOf(error: unknown, phiFreeMessage: boolean): string {
  if (!(error instanceof Error)) return 'non-error thrown';
  const code = (error as { code?: unknown }).code;
  const detail = phiFreeMessage ? `: ${error.message}` : code !== undefined ? ` (code ${String(code)})` : '';
  return `${error.name}${detail}`.slice(0, MAX_REASON);
}

/** The parked copy: the original key, value and headers, and why and where from. */
export function deadLetter(message: ConsumedMessage, reason: string, attempts: number, now = new Date()): BusMessage {
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      [DLQ_HEADERS.reason]: reason,
      [DLQ_HEADERS.originalTopic]: message.topic,
      [DLQ_HEADERS.originalPartition]: String(message.partition),
      [DLQ_HEADERS.originalOffset]: message.offset,
      [DLQ_HEADERS.attempts]: String(attempts),
      [DLQ_HEADERS.parkedAt]: now.toISOString(),
    },
  };
}

/** The message as it was before it was parked: for the replay tool. */
export function withoutDeadLetterHeaders(message: BusMessage): BusMessage {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers)) {
    if (!name.startsWith(DLQ_HEADER_PREFIX)) headers[name] = value;
  }
  return { key: message.key, value: message.value, headers };
}
