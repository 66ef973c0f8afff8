import { z } from 'zod';

/** Reusable env var shapes. Each describes what the variable means; `docs` and the README table come from these. */
export const port = (fallback: number) =>
  z.coerce.number().int().min(1).max(65535).default(fallback).describe('TCP port the HTTP server listens on');

export const eventStoreUrl = z
  .string()
  .regex(
    /^(esdb|kurrentdb|postgres|postgresql):\/\/|^sqlite:|^memory:/,
    'must start with esdb://, kurrentdb://, postgres://, sqlite: or memory:',
  )
  .describe('Event store: esdb://…, postgres://…, sqlite:<file> or memory:');

export const kafkaBrokers = z
  .string()
  .regex(/^[^,\s]+:\d+(,[^,\s]+:\d+)*$/, 'must be host:port[,host:port…]')
  .describe('Kafka bootstrap brokers, comma-separated host:port');

export const mongodbUrl = z
  .string()
  .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb://')
  .describe('MongoDB read store');

export const redisUrl = z
  .string()
  .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
  .describe('Redis cache and idempotency keys');

export const logLevel = z
  .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  .default('info')
  .describe('pino log level');
