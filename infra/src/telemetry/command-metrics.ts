import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { RequestHandler } from 'express';
import type { Registry } from 'prom-client';
import { counterOn, histogramOn, LATENCY_BUCKETS, secondsSince } from './metrics.js';
import { tracer } from './trace-context.js';

/** What became of a command, from its HTTP status: few values, so the counter stays small. */
export function commandOutcome(status: number): string {
  if (status >= 200 && status < 300) return 'accepted';
  if (status === 409) return 'rejected';
  if (status === 412) return 'precondition-failed';
  if (status === 503) return 'unavailable';
  if (status >= 500) return 'error';
  if (status === 401 || status === 403) return 'denied';
  return 'invalid';
}

export type CommandInstrumentation = (module: string, command: string) => RequestHandler;

/**
 * Per command route, a middleware (placed just before the command's handler) that runs the rest of
 * the request inside a `command <module>.<command>` span (so the append, and the envelope's
 * traceparent, descend from it) and counts it: `chartline_commands_total{module,command,outcome}`,
 * `chartline_command_refusals_total{module,command,rule}` (the rule a refusal names) and
 * `chartline_command_duration_seconds{module,command}`.
 */
export function commandInstrumentation(registry: Registry): CommandInstrumentation {
  const commands = counterOn(registry, {
    name: 'chartline_commands_total',
    help: 'Commands handled, by outcome (accepted, rejected, invalid, precondition-failed, denied, unavailable, error)',
    labelNames: ['module', 'command', 'outcome'] as const,
  });
  const refusals = counterOn(registry, {
    name: 'chartline_command_refusals_total',
    help: 'Commands refused by a domain rule (409, or 404 for a rule naming a missing record, or 403 for a refused witness), by the rule: a few dozen stable codes',
    labelNames: ['module', 'command', 'rule'] as const,
  });
  const duration = histogramOn(registry, {
    name: 'chartline_command_duration_seconds',
    help: 'Command latency: load, decide, append',
    labelNames: ['module', 'command'] as const,
    buckets: LATENCY_BUCKETS,
  });
  return (module, command) => (_req, res, next) => {
    const started = process.hrtime.bigint();
    const span = tracer().startSpan(`command ${module}.${command}`, {
      kind: SpanKind.INTERNAL,
      attributes: { 'chartline.module': module, 'chartline.command': command },
    });
    res.once('close', () => {
      const outcome = commandOutcome(res.statusCode);
      commands.inc({ module, command, outcome });
      const rule = res.locals['problemRule'];
      // 403 only when the refusal names a rule (a witness refused), never a role or hospital check.
      if (typeof rule === 'string' && [409, 404, 403].includes(res.statusCode)) {
        refusals.inc({ module, command, rule });
      }
      duration.observe({ module, command }, secondsSince(started));
      span.setAttribute('chartline.outcome', outcome);
      span.setAttribute('http.response.status_code', res.statusCode);
      if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(context.active(), span), () => next());
  };
}
