import type { DestinationStream, Logger } from 'pino';
import { createLogger } from '../telemetry/logger.js';

export type ProcessLogger = Logger;

/**
 * The process logger under its older name: the same `createLogger` every entrypoint uses (JSON
 * lines with `service`, trace and span ids, personal and secret fields redacted), so there is one
 * way to log. Prefer `createLogger` from `@chartline/infra/telemetry` in new code.
 */
export function createProcessLogger(name: string, level: string, destination?: DestinationStream): ProcessLogger {
  return createLogger({ service: name, level, ...(destination ? { destination } : {}) });
}
