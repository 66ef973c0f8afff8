import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startTracing } from '../tracing.js';

let exporter: InMemorySpanExporter | undefined;

/**
 * Tracing into memory for tests: the real SDK (context manager, W3C propagation, sampler), spans
 * kept in an InMemorySpanExporter. Started once per test process (the SDK registers globals) and
 * emptied by each caller.
 */
export function inMemoryTracing(): { spans(): ReadableSpan[]; reset(): void } {
  if (!exporter) {
    exporter = new InMemorySpanExporter();
    startTracing({ spanProcessors: [new SimpleSpanProcessor(exporter)], instrumentations: [] });
  }
  const e = exporter;
  e.reset();
  return { spans: () => e.getFinishedSpans(), reset: () => e.reset() };
}
