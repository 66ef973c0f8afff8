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
 * kafkajs hands the cause as `error`, a string (the KafkaJS error's message: "This server does
 * not host this topic-partition"); under that name the logger's error serializer would reduce it
 * to its type, so it is kept as `cause`, the text an operator needs.
 */
export function kafkaLogCreator(logger: BusLogger): logCreator {
  return () =>
    ({ level, log }) => {
      const { message, error, ...fields } = log as typeof log & { error?: unknown };
      const entry = {
        ...fields,
        ...(error === undefined ? {} : { cause: error instanceof Error ? error.message : String(error) }),
        component: 'kafkajs',
      };
      if (level === logLevel.ERROR) logger.error(entry, message);
      else if (level === logLevel.WARN) logger.warn(entry, message);
    };
}
