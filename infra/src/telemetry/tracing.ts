import type { Instrumentation } from '@opentelemetry/instrumentation';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { IORedisInstrumentation } from '@opentelemetry/instrumentation-ioredis';
import { MongoDBInstrumentation } from '@opentelemetry/instrumentation-mongodb';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { NodeSDK } from '@opentelemetry/sdk-node';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * Tracing is off unless an exporter is configured: OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT or
 * OTEL_TRACES_EXPORTER (other than `none`), and OTEL_SDK_DISABLED is not `true`. A process
 * without a collector then pays nothing for it.
 */
export function tracingEnabled(env: Env): boolean {
  if (env['OTEL_SDK_DISABLED']?.toLowerCase() === 'true') return false;
  const exporter = env['OTEL_TRACES_EXPORTER']?.trim();
  if (exporter) return exporter !== 'none';
  return Boolean(env['OTEL_EXPORTER_OTLP_ENDPOINT'] || env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']);
}

/**
 * The libraries whose calls become spans. The auto-instrumentations meta package was measured at
 * ~1 s of imports (and 9 s to shut down, on this 2-core box) against ~0.5 s for these: the only
 * libraries Chartline's processes use (incoming/outgoing HTTP, Express routes, PostgreSQL, Redis,
 * MongoDB). Kafka is traced by `instrumentBus` instead of the kafkajs instrumentation: that one
 * would overwrite each message's `traceparent` with a send span parented on whatever is active in
 * the relay, cutting the command's trace. KurrentDB's gRPC calls are covered by the append span.
 */
export function chartlineInstrumentations(): Instrumentation[] {
  return [
    new HttpInstrumentation({
      // Probes and scrapes every few seconds would drown the traces that matter.
      ignoreIncomingRequestHook: (req) => /^\/(healthz|readyz|metrics)\b/.test(req.url ?? ''),
    }),
    new ExpressInstrumentation(),
    new PgInstrumentation({ enhancedDatabaseReporting: false }),
    new IORedisInstrumentation(),
    new MongoDBInstrumentation({ enhancedDatabaseReporting: false }),
  ];
}

export interface TracingOptions {
  /** Default: OTEL_* from the process environment (the SDK reads them too). */
  readonly env?: Env;
  /** Replaces the OTLP exporter (tests pass a SimpleSpanProcessor over an InMemorySpanExporter). */
  readonly spanProcessors?: SpanProcessor[];
  /** Default: chartlineInstrumentations(). */
  readonly instrumentations?: Instrumentation[];
}

export interface Tracing {
  /** Flushes the spans in hand and stops exporting. */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry Node SDK when tracing is configured (see `tracingEnabled`), else
 * returns null. Everything else comes from the standard variables the SDK reads itself:
 * OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES, OTEL_EXPORTER_OTLP_*, OTEL_TRACES_SAMPLER(_ARG),
 * OTEL_PROPAGATORS. Metrics and logs do not go through OTLP (Prometheus scrapes /metrics, logs go
 * to stdout), so their exporters default to `none`.
 */
export function startTracing(options: TracingOptions = {}): Tracing | null {
  const env = options.env ?? process.env;
  if (!options.spanProcessors && !tracingEnabled(env)) return null;
  process.env['OTEL_METRICS_EXPORTER'] ??= 'none';
  process.env['OTEL_LOGS_EXPORTER'] ??= 'none';
  const sdk = new NodeSDK({
    instrumentations: options.instrumentations ?? chartlineInstrumentations(),
    ...(options.spanProcessors ? { spanProcessors: options.spanProcessors } : {}),
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
}
