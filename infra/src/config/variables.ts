import { z } from 'zod';

/** Reusable env var shapes. Each describes what the variable means; `docs` and the README table come from these. */
export const port = (fallback: number) =>
  z.coerce.number().int().min(1).max(65535).default(fallback).describe('TCP port the HTTP server listens on');

/**
 * The interface the HTTP server binds. All of them by default, because a container's port is
 * reached through its pod or bridge address, never its loopback; set 127.0.0.1 to keep a process
 * run on a laptop or a shared host to itself.
 */
export const host = z
  .string()
  .regex(/^[0-9A-Za-z.:-]+$/, 'must be an IP address or a host name')
  .default('0.0.0.0')
  .describe('Interface the HTTP server binds (0.0.0.0: all; 127.0.0.1: this machine only)');

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
