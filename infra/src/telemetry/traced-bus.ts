import { context, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { BusMessage, ConsumedBatch, EventBus } from '../bus/port.js';
import { contextFromTraceparent, inSpan, linksTo, spanContextOf, tracer, withTraceHeaders } from './trace-context.js';

/**
 * The parent of a batch's processing span. Kafka batches mix commands; a span has one parent, so
 * the batch is a child of its messages' trace only when they all belong to one trace (a single
 * command's events), and otherwise a root linked to each message's producer span.
 */
function batchParent(batch: ConsumedBatch) {
  const traceIds = new Set(batch.messages.map((m) => spanContextOf(m.headers['traceparent'])?.traceId ?? 'none'));
  const [only] = traceIds;
  const first = batch.messages[0]?.headers['traceparent'];
  return traceIds.size === 1 && only !== 'none' ? contextFromTraceparent(first) : context.active();
}

function endAll(spans: readonly Span[], error?: unknown) {
  for (const span of spans) {
    if (error !== undefined)
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
    span.end();
  }
}

/**
 * The bus with trace context carried in Kafka headers. Publishing starts one PRODUCER span per
 * message, a child of the context in the message's `traceparent` header (the envelope's: the
 * command that wrote the event), and replaces that header with the producer span's own context.
 * Consuming runs each batch handler inside a CONSUMER span `<topic> process`, linked to every
 * message's producer span (see batchParent), so the projection's writes and cache bumps join
 * the command's trace.
 */
export function instrumentBus(bus: EventBus): EventBus {
  return {
    ensureTopics: (topics, partitions) => bus.ensureTopics(topics, partitions),
    async publish(topic, messages) {
      const spans: Span[] = [];
      const traced: BusMessage[] = messages.map((message) => {
        const parent = contextFromTraceparent(message.headers['traceparent']);
        const span = tracer().startSpan(
          `${topic} publish`,
          {
            kind: SpanKind.PRODUCER,
            attributes: {
              'messaging.system': 'kafka',
              'messaging.destination.name': topic,
              'messaging.operation.type': 'send',
              ...(message.headers['type'] ? { 'chartline.event_type': message.headers['type'] } : {}),
            },
          },
          parent,
        );
        spans.push(span);
        return { ...message, headers: withTraceHeaders(message.headers, trace.setSpan(parent, span)) };
      });
      try {
        await bus.publish(topic, traced);
      } catch (error) {
        endAll(spans, error);
        throw error;
      }
      endAll(spans);
    },
    consume(options) {
      return bus.consume({
        ...options,
        handleBatch: (batch) =>
          inSpan(
            {
              name: `${batch.topic} process`,
              parent: batchParent(batch),
              options: {
                kind: SpanKind.CONSUMER,
                links: linksTo(batch.messages.map((m) => m.headers['traceparent'])),
                attributes: {
                  'messaging.system': 'kafka',
                  'messaging.destination.name': batch.topic,
                  'messaging.destination.partition.id': String(batch.partition),
                  'messaging.consumer.group.name': options.groupId,
                  'messaging.batch.message_count': batch.messages.length,
                  'messaging.operation.type': 'process',
                },
              },
            },
            () => options.handleBatch(batch),
          ),
      });
    },
    endOffsets: (topic) => bus.endOffsets(topic),
    committedOffsets: (groupId, topic) => bus.committedOffsets(groupId, topic),
    ping: () => bus.ping(),
    close: () => bus.close(),
  };
}
