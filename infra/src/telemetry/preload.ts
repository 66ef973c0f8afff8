/**
 * Loaded before the application with `node --import`, so the instrumented libraries (http,
 * express, pg, ioredis, mongodb, kafkajs) are patched before anything imports them:
 *
 *   node --import tsx --import ./infra/src/telemetry/preload.ts commands/src/main/command-api.ts
 *   node --import ./dist/telemetry-preload.mjs dist/command-api.mjs      (bundled image)
 *
 * or `NODE_OPTIONS="--import ./dist/telemetry-preload.mjs"`. Without OTEL_EXPORTER_OTLP_ENDPOINT
 * or OTEL_TRACES_EXPORTER it does nothing at all (not even the loader hook).
 */
import { register } from 'node:module';
import { startTracing, tracingEnabled } from './tracing.js';

if (tracingEnabled(process.env)) {
  // ESM imports are patched by import-in-the-middle's loader hook; CommonJS by require-in-the-middle.
  register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
  const tracing = startTracing();
  const flush = () => {
    void tracing?.shutdown().catch(() => {});
  };
  process.once('SIGTERM', flush);
  process.once('beforeExit', flush);
}
