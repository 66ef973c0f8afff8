import { context, trace } from '@opentelemetry/api';
import pino, { type DestinationStream, type Logger } from 'pino';
import { personalFieldNames } from './personal-field-names.js';

/** Secrets by name, wherever they appear, besides the catalogue's personal fields. */
const SECRET_FIELDS = ['authorization', 'cookie', 'set-cookie', 'password', 'token', 'accessToken', 'idToken'];

export const REDACTED = '[redacted]';

/** Header paths pino removes before anything else runs (fast-redact). */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
];

/** Copies a log object with every personal or secret field replaced, at any depth. */
export function redactDeep(value: unknown, names: ReadonlySet<string>, depth = 0): unknown {
  if (depth > 8 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, names, depth + 1));
  if (value instanceof Error) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = names.has(key.toLowerCase()) ? REDACTED : redactDeep(v, names, depth + 1);
  }
  return out;
}

/**
 * An error reduced to what cannot carry request data: its name, code and stack frames, and the same
 * of its causes (a ReadStoreUnavailable says little without the driver error behind it). Messages
 * are dropped: a driver's message can quote the row it refused (a duplicate national id). Only a
 * SQLSTATE quoted in a message is kept (five characters naming PostgreSQL's condition, no data):
 * FerretDB on PostgreSQL reports its backend's failures as internal errors that differ only there.
 */
export function safeError(error: unknown, depth = 0): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const { code, codeName } = error as { code?: unknown; codeName?: unknown };
  const sqlstate = /SQLSTATE ([0-9A-Z]{5})/.exec(error.message)?.[1];
  const frames =
    depth === 0 ? error.stack?.split('\n').filter((line) => line.trimStart().startsWith('at ')) : undefined;
  return {
    type: error.name,
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(typeof codeName === 'string' ? { codeName } : {}),
    ...(sqlstate ? { sqlstate } : {}),
    ...(frames?.length ? { stack: frames.join('\n') } : {}),
    ...(error.cause !== undefined && depth < 3 ? { cause: safeError(error.cause, depth + 1) } : {}),
  };
}

export interface LoggerOptions {
  readonly service: string;
  /** Default 'info'. */
  readonly level?: string;
  /** Default stdout. Tests pass a stream that collects lines. */
  readonly destination?: DestinationStream;
}

/**
 * The process logger: JSON lines with `service`, `trace_id` and `span_id` of the active span (so a
 * log line leads to its trace), personal and secret fields redacted at any depth, errors reduced
 * by `safeError`. Request bodies are never given to it (`requestLogger` logs route and status only).
 */
export function createLogger(options: LoggerOptions): Logger {
  const names = new Set([...personalFieldNames(), ...SECRET_FIELDS].map((n) => n.toLowerCase()));
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: options.service },
      timestamp: pino.stdTimeFunctions.isoTime,
      messageKey: 'msg',
      redact: { paths: REDACT_PATHS, censor: REDACTED },
      serializers: { err: safeError, error: safeError },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => redactDeep(object, names) as Record<string, unknown>,
      },
      mixin() {
        const span = trace.getSpan(context.active());
        const spanContext = span?.spanContext();
        if (!spanContext || !trace.isSpanContextValid(spanContext)) return {};
        return { trace_id: spanContext.traceId, span_id: spanContext.spanId };
      },
    },
    options.destination ?? pino.destination({ dest: 1, sync: false }),
  );
}
