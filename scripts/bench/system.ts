import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectedModuleNames } from '@chartline/events';
import { tokenMinter } from '../generate/tokens.js';
import type { WorkloadStep } from '../generate/workload.js';
import { createDatabase, dropDatabase } from './databases.js';
import { type RunningChild, startChild } from './processes.js';

export interface ServiceUrls {
  readonly postgres?: string | undefined;
  readonly redis?: string | undefined;
  readonly kafka?: string | undefined;
  readonly mongodb?: string | undefined;
}

/**
 * The whole system as production runs it, one process per entrypoint, on a throwaway database
 * (PostgreSQL database and MongoDB database named for this run) so nothing of other users of the
 * shared servers is touched. Each piece is started only if its entrypoint exists.
 */
export interface BenchSystem {
  readonly eventStoreUrl: string;
  readonly mongodbUrl: string | undefined;
  readonly masterKey: string;
  readonly commandApi: RunningChild;
  readonly readApiUrl?: string;
  readonly children: RunningChild[];
  /** Why a piece is missing (entrypoint absent, server absent). */
  readonly missing: Readonly<Record<string, string>>;
  readonly tokenFor: (role: WorkloadStep['role'], hospitalId: string) => Promise<string>;
  readonly tokenForReader: (hospitalId: string) => Promise<string>;
  stop(): Promise<void>;
}

const ROOT = join(import.meta.dirname, '..', '..');
/**
 * The command API and the read API are the production entrypoints. The relay and the projectors are
 * the same compositions on the run's own topics and consumer groups (scripts/bench/hosts), because
 * the production ones use the production names and would share partitions with anyone else's run.
 */
export const ENTRYPOINTS = {
  commandApi: 'commands/src/main/command-api.ts',
  relay: 'scripts/bench/hosts/relay.ts',
  projector: 'scripts/bench/hosts/projector.ts',
  readApi: 'read-api/src/main/read-api.ts',
} as const;

export async function startSystem(
  urls: ServiceUrls,
  log: (line: string) => void,
  /** `readApi` without `pipeline`: the read API alone beside the command API (a read model filled directly). */
  options: { readonly pipeline: boolean; readonly readApi?: boolean },
): Promise<BenchSystem> {
  if (!urls.postgres || !urls.redis)
    throw new Error('needs POSTGRES_URL and REDIS_URL (eval "$(scripts/services.sh env)")');
  const suffix = `${process.pid}_${Date.now()}`;
  const dbName = `chartline_bench_${suffix}`;
  const eventStoreUrl = await createDatabase(urls.postgres, dbName);
  const mongodbUrl = urls.mongodb ? new URL(`chartline_bench_${suffix}`, urls.mongodb).toString() : undefined;
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const issuer = 'chartline-bench';
  const audience = 'chartline';
  const masterKey = randomBytes(32).toString('base64');
  const secrets = {
    EVENT_STORE_URL: eventStoreUrl,
    KEY_STORE_URL: eventStoreUrl,
    PERSONAL_DATA_MASTER_KEY: masterKey,
    REDIS_URL: urls.redis,
    JWT_ISSUER: issuer,
    JWT_AUDIENCE: audience,
    JWT_PUBLIC_KEY: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    // The bench drives each API with a few callers at hundreds of requests a second: it measures
    // throughput, not the per-caller limit (which has its own integration test).
    RATE_LIMIT_REQUESTS: '0',
  };
  const children: RunningChild[] = [];
  const missing: Record<string, string> = {};
  const topicPrefix = `bench.${suffix}.`;
  const stop = async () => {
    for (const child of [...children].reverse()) await child.stop().catch(() => undefined);
    await dropDatabase(urls.postgres!, dbName).catch(() => undefined);
    if (mongodbUrl) await dropMongoDatabase(mongodbUrl).catch(() => undefined);
    if (options.pipeline && urls.kafka) await deleteTopics(urls.kafka, topicPrefix).catch(() => undefined);
  };
  try {
    const commandApi = await startChild('command_api', ENTRYPOINTS.commandApi, {
      ...secrets,
      BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
    });
    children.push(commandApi);
    log(`command API up on :${commandApi.port} (PostgreSQL ${dbName}, Redis idempotency)`);

    let readApiUrl: string | undefined;
    const pipelineMissing = !options.pipeline
      ? 'not started for this section'
      : !urls.kafka
        ? 'KAFKA_BROKERS not set'
        : !mongodbUrl
          ? 'MONGODB_URL not set'
          : [ENTRYPOINTS.relay, ENTRYPOINTS.projector]
              .filter((e) => !existsSync(join(ROOT, e)))
              .map((e) => `${e} does not exist yet`)
              .join('; ');
    if (pipelineMissing && options.readApi && mongodbUrl) {
      missing['pipeline'] = pipelineMissing;
      const readApi = await startChild('read_api', ENTRYPOINTS.readApi, { ...secrets, MONGODB_URL: mongodbUrl });
      children.push(readApi);
      readApiUrl = `http://127.0.0.1:${readApi.port}`;
      log(`read API up alone (MongoDB ${new URL(mongodbUrl).pathname.slice(1)})`);
    } else if (pipelineMissing) {
      missing['pipeline'] = pipelineMissing;
    } else {
      // Started side by side (each spends seconds compiling TypeScript); any that failed is reported
      // after the others are kept for stop().
      const started = await Promise.allSettled([
        startChild('relay', ENTRYPOINTS.relay, {
          EVENT_STORE_URL: eventStoreUrl,
          KAFKA_BROKERS: urls.kafka!,
          BENCH_TOPIC_PREFIX: topicPrefix,
        }),
        ...projectedModuleNames.map((module) =>
          startChild(`projector_${module}`, ENTRYPOINTS.projector, {
            ...secrets,
            PROJECTOR_MODULE: module,
            KAFKA_BROKERS: urls.kafka!,
            BENCH_TOPIC_PREFIX: topicPrefix,
            MONGODB_URL: mongodbUrl!,
          }),
        ),
        startChild(
          'read_api',
          ENTRYPOINTS.readApi,
          { ...secrets, MONGODB_URL: mongodbUrl! },
          // BENCH_PROFILE_DIR: the read API runs under `node --cpu-prof` (index.ts prints the top
          // of the profile over the cached-read loop).
          process.env['BENCH_PROFILE_DIR']
            ? { nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${join(process.env['BENCH_PROFILE_DIR'], 'read_api')}`] }
            : {},
        ),
      ]);
      for (const result of started) if (result.status === 'fulfilled') children.push(result.value);
      const failed = started.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
      const readApi = children.find((c) => c.name === 'read_api')!;
      readApiUrl = `http://127.0.0.1:${readApi.port}`;
      log(
        `relay, projectors (${projectedModuleNames.join(', ')}) and read API up (MongoDB ${new URL(mongodbUrl!).pathname.slice(1)})`,
      );
    }
    const tokenFor = tokenMinter({ privateKey, issuer, audience });
    return {
      eventStoreUrl,
      mongodbUrl,
      masterKey,
      commandApi,
      ...(readApiUrl ? { readApiUrl } : {}),
      children,
      missing,
      tokenFor,
      // The role a ward clerk reading the bed board would have: no special reader role exists.
      tokenForReader: (hospitalId) => tokenFor('nurse', hospitalId),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function dropMongoDatabase(url: string): Promise<void> {
  const { MongoClient } = await import('mongodb');
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 2000 });
  try {
    await client.connect();
    await client.db().dropDatabase();
  } finally {
    await client.close();
  }
}

/** The run's topics go with the run. */
async function deleteTopics(brokers: string, topicPrefix: string): Promise<void> {
  const { Kafka, logLevel } = await import('kafkajs');
  const admin = new Kafka({ brokers: brokers.split(','), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(topicPrefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}
