import kafkajs, { type logCreator } from 'kafkajs';

const { logLevel } = kafkajs;

/** The part of a pino logger the bus writes to. */
export interface BusLogger {
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

/**
 * kafkajs logs through this: warnings and errors only, as structured fields on the process's own
 * logger. kafkajs logs broker and group events, never message contents, so no PHI passes here.
 */
export function kafkaLogCreator(logger: BusLogger): logCreator {
  return () =>
    ({ level, log }) => {
      const { message, ...fields } = log;
      const entry = { ...fields, component: 'kafkajs' };
      if (level === logLevel.ERROR) logger.error(entry, message);
      else if (level === logLevel.WARN) logger.warn(entry, message);
    };
}
