import { pino } from 'pino';

export type ProcessLogger = pino.Logger;

/** JSON lines on stdout, one logger per process; callers log ids and counts, never personal data. */
export function createProcessLogger(name: string, level: string): ProcessLogger {
  return pino({ name, level, base: { process: name } });
}
