import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { startTracing } from '../tracing.js';

export interface InMemoryTracing {
  spans(): ReadableSpan[];
  reset(): void;
  /** Shuts the SDK down and unregisters its globals, so later tests in the process run untraced. */
  stop(): Promise<void>;
}

/**
 * Tracing into memory for tests: the real SDK (context manager, W3C propagation, sampler), spans
 * kept in an InMemorySpanExporter. Call `stop()` in `after`: the SDK registers process-wide globals,
 * and other suites (the command server's) expect no active span.
 */
export function inMemoryTracing(): InMemoryTracing {
  const exporter = new InMemorySpanExporter();
  const tracing = startTracing({ spanProcessors: [new SimpleSpanProcessor(exporter)], instrumentations: [] });
  return {
    spans: () => exporter.getFinishedSpans(),
    reset: () => exporter.reset(),
    async stop() {
      await tracing?.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}
