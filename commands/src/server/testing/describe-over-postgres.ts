import { randomBytes } from 'node:crypto';
import {
  type IdempotencyStore,
  type KeyStore,
  MasterKey,
  openPostgresKeyStore,
  openRedisIdempotencyStore,
  PostgresEventStore,
  requireService,
} from '@chartline/infra';
import type { CommandModule } from '../command-module.js';
import { commandHarness, type Harness } from './harness.js';

export interface OverPostgresSetup {
  /** Names the run's PostgreSQL schema (`<name>_it_<run>`) and Redis prefix (`chartline-<name>-it:<run>:`). */
  readonly name: string;
  readonly modules: readonly CommandModule[];
  /** Idempotency keys in the real Redis (default); without, in memory and REDIS_URL not needed. */
  readonly redis?: boolean;
  /** Refuse tokens of hospitals not registered or suspended, as the production entrypoint does. */
  readonly checkHospitals?: boolean;
}

export interface OverPostgres {
  /** Unique to this suite and run: in the schema and Redis prefix, and free for its hospital ids. */
  readonly run: string;
  /** The prefix of every Redis key the suite's idempotency store writes (only the suite's own). */
  readonly redisPrefix: string;
  /** REDIS_URL, once the suite has started (for a test that reaches into Redis itself). */
  redisUrl(): string;
  /** The command API over the run's own schema; whatever it opened is closed after the suite. */
  start(): Promise<Harness>;
}

/**
 * A suite whose command API runs on the real PostgreSQL event store and key store, and real Redis
 * idempotency keys: skipped, saying which server is missing, when one is not configured; a schema
 * and Redis prefix of its own per run, so the shared servers' other suites stay untouched.
 */
export function describeOverPostgres(
  title: string,
  setup: OverPostgresSetup,
  body: (suite: OverPostgres) => void,
): void {
  describe(title, () => {
    const redis = setup.redis ?? true;
    const run = `${Date.now().toString(36)}${randomBytes(2).toString('hex')}`;
    const urls = { postgres: '', redis: '' };
    const opened: { close(): Promise<void> }[] = [];
    const redisPrefix = `chartline-${setup.name}-it:${run}:`;

    before(function () {
      urls.postgres = requireService(this, 'POSTGRES_URL', 'the PostgreSQL event store and key store');
      if (redis) urls.redis = requireService(this, 'REDIS_URL', 'Redis idempotency keys');
    });
    after(async () => {
      for (const store of opened.reverse()) await store.close();
    });

    const open = async <T extends { close(): Promise<void> }>(store: Promise<T>): Promise<T> => {
      const value = await store;
      opened.push(value);
      return value;
    };

    body({
      run,
      redisPrefix,
      redisUrl: () => urls.redis,
      start: async () => {
        const eventStore = await open(
          PostgresEventStore.open({ url: urls.postgres, schema: `${setup.name}_it_${run}` }),
        );
        const keyStore: KeyStore = await open(openPostgresKeyStore(urls.postgres, MasterKey.generate()));
        const idempotency: IdempotencyStore | undefined = redis
          ? await open(openRedisIdempotencyStore(urls.redis, { prefix: redisPrefix }))
          : undefined;
        const harness = await commandHarness({
          modules: setup.modules,
          eventStore,
          keyStore,
          ...(idempotency && { idempotency }),
          ...(setup.checkHospitals && { checkHospitals: true }),
        });
        // The in-memory idempotency store the harness made without Redis is closed with the rest.
        if (!idempotency) opened.push(harness.idempotency);
        return harness;
      },
    });
  });
}
