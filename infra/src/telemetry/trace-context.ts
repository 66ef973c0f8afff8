import {
  type Context,
  context,
  type Link,
  type Span,
  type SpanContext,
  type SpanOptions,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';

/**
 * W3C trace context in and out of our own carriers (the event envelope's `traceparent`, Kafka
 * headers). The explicit W3C propagator is used rather than the global one, so the envelope always
 * holds a `traceparent` whatever OTEL_PROPAGATORS says and the format stays the one the events
 * catalogue documents.
 */
const w3c = new W3CTraceContextPropagator();

const getter = {
  keys: (carrier: Readonly<Record<string, string>>) => Object.keys(carrier),
  get: (carrier: Readonly<Record<string, string>>, key: string) => carrier[key],
};

const setter = {
  set: (carrier: Record<string, string>, key: string, value: string) => {
    carrier[key] = value;
  },
};

/** The tracer every Chartline span comes from (a no-op until an SDK is registered). */
export const tracer = () => trace.getTracer('chartline');

/** The active span's context as a `traceparent`, or null when nothing is being traced. */
export function currentTraceparent(ctx: Context = context.active()): string | null {
  const carrier: Record<string, string> = {};
  w3c.inject(ctx, carrier, setter);
  return carrier['traceparent'] ?? null;
}

/** A context whose remote parent is the given `traceparent` (the active context if absent or malformed). */
export function contextFromTraceparent(traceparent: string | null | undefined, base: Context = context.active()) {
  if (!traceparent) return base;
  return w3c.extract(base, { traceparent }, getter);
}

/** The span context a `traceparent` names, or undefined when it is absent or malformed. */
export function spanContextOf(traceparent: string | null | undefined): SpanContext | undefined {
  const span = trace.getSpan(contextFromTraceparent(traceparent, context.active()));
  const spanContext = span?.spanContext();
  return spanContext && trace.isSpanContextValid(spanContext) ? spanContext : undefined;
}

/** Headers with `traceparent` (and `tracestate`) set to the given context; other headers kept. */
export function withTraceHeaders(
  headers: Readonly<Record<string, string>>,
  ctx: Context = context.active(),
): Record<string, string> {
  const out: Record<string, string> = { ...headers };
  const injected: Record<string, string> = {};
  w3c.inject(ctx, injected, setter);
  return { ...out, ...injected };
}

export interface SpanRun {
  readonly name: string;
  readonly options?: SpanOptions;
  /** Parent context; default the active one. */
  readonly parent?: Context;
}

/**
 * Runs `work` inside a new active span and ends it: errors mark the span failed (with the error's
 * name only: messages may carry request data) and are rethrown.
 */
export async function inSpan<T>(run: SpanRun, work: (span: Span) => Promise<T>): Promise<T> {
  const parent = run.parent ?? context.active();
  const span = tracer().startSpan(run.name, run.options ?? {}, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => work(span));
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : 'error' });
    throw error;
  } finally {
    span.end();
  }
}

/** Links to the span contexts of these traceparents (the valid ones). */
export function linksTo(traceparents: readonly (string | null | undefined)[]): Link[] {
  const links: Link[] = [];
  for (const tp of traceparents) {
    const spanContext = spanContextOf(tp);
    if (spanContext) links.push({ context: spanContext });
  }
  return links;
}
