import { join } from 'node:path';
import { moduleEvents } from '@chartline/events';
import {
  createDevTokenIssuer,
  createMemoryIdempotencyStore,
  ensurePrivateFolder,
  type HttpService,
  InProcessBus,
  LruCache,
  MasterKey,
  MemoryReadStore,
  openSqliteKeyStore,
  type ProcessLogger,
  type ReadStore,
  SqliteEventStore,
  serveHttp,
  type TokenVerifierOptions,
} from '@chartline/infra';
import { ROLES } from '@chartline/kernel';
import {
  type Projector,
  projections,
  type RebuildProgress,
  rebuildModule,
  revealWith,
  startLiveProjector,
} from '@chartline/projections';
import { createReadApp, hospitalStatusFromEventStore } from '@chartline/read-api';
import { v7 as uuidv7 } from 'uuid';
import { commandModules } from '../../commands/src/main/modules.js';
import { processManagers } from '../../commands/src/main/process-managers.js';
import { type ProcessManagerRuntime, startProcessManager } from '../../commands/src/process-manager/runtime.js';
import {
  memoryCheckpointStore,
  moduleTopics,
  moveCompleter,
  startRelay,
  systemGroupsOf,
  toBusMessage,
} from '../../commands/src/relay/index.js';
import { createCommandApp } from '../../commands/src/server/app.js';
import { blindIndexer } from '../../commands/src/server/blind-index.js';
import { eventRegistry } from '../../commands/src/server/event-registry.js';
import { hospitalDirectory } from '../../commands/src/server/hospital-directory.js';
import { devSecrets } from './secrets.js';

export interface EmbeddedOptions {
  /** SQLite files and dev secrets live here. */
  readonly dataDir: string;
  /** 0 picks a free port. */
  readonly commandPort: number;
  readonly readPort: number;
  readonly host?: string;
  readonly log?: (line: string) => void;
  /** One line per request and 5xx causes (route template and status, never URL, headers or body). */
  readonly requestLog?: ProcessLogger;
  /** Per-caller rate limit of both APIs, counted in this process (no Redis). Absent: no limit. */
  readonly rateLimit?: { readonly requests: number; readonly windowSeconds: number };
  /**
   * How the APIs verify tokens. Default: the start's own dev issuer (`mint` signs for it). Given
   * (e.g. an OpenID Connect provider's issuer, audience and JWKS URL), the APIs trust that instead,
   * as in production, and `mint`'s tokens are refused.
   */
  readonly auth?: Omit<TokenVerifierOptions, 'roles'>;
}

export interface EmbeddedChartline {
  readonly commandUrl: string;
  readonly readUrl: string;
  /** Events in the store when the process started (0 on a first run). */
  readonly eventsAtStart: number;
  readonly store: SqliteEventStore;
  /** The views (for the banner's examples: a free bed to admit to). */
  readonly readStore: ReadStore;
  /** Signs tokens the two APIs trust (for the demo roles, or a test's own claims). */
  mint(claims: { sub: string; role: string; hospitals: readonly string[] }): Promise<string>;
  /** Stops accepting, finishes in-flight requests, stops relay and projectors, closes the stores. */
  stop(): Promise<void>;
}

const PARTITIONS = 4;

/**
 * The whole of Chartline in one process on the embedded adapters: SQLite event store and key store
 * under the data folder, views rebuilt from the events into an in-memory read store, then the relay
 * feeding an in-process bus that each module's projector and each process manager consumes, an in-process cache, and the two
 * APIs on their own ports (the same split as production, so URLs and tokens carry over).
 */
export async function startEmbedded(options: EmbeddedOptions): Promise<EmbeddedChartline> {
  const log = options.log ?? ((line: string) => process.stdout.write(`${line}\n`));
  const host = options.host ?? '127.0.0.1';
  ensurePrivateFolder(options.dataDir);
  const secrets = devSecrets(options.dataDir);
  const store = new SqliteEventStore({ path: join(options.dataDir, 'events.db') });
  const keys = openSqliteKeyStore(join(options.dataDir, 'keys.db'), MasterKey.parse(secrets.masterKey));
  const readStore = new MemoryReadStore();
  const cache = new LruCache();
  const bus = new InProcessBus();
  const reveal = revealWith(keys);

  // Nothing writes yet (the command API is not listening), so views rebuilt up to `head` plus the
  // relay starting after `head` see every event exactly once (and a replay would be harmless).
  const head = await store.headPosition();
  for (const module of Object.keys(projections)) {
    let lastLine = 0;
    const started = Date.now();
    const result = await rebuildModule({ store, readStore, reveal, cache }, module, (p: RebuildProgress) => {
      if (p.phase === 'done' || Date.now() - lastLine < 500) return;
      lastLine = Date.now();
      log(`  rebuilding ${module} views: ${p.events} events read, position ${p.position} of ${p.head}`);
    });
    log(
      result.events === 0
        ? `  ${module} views: no events yet`
        : `  ${module} views rebuilt from ${result.events} events in ${Date.now() - started} ms`,
    );
  }

  // One view of the hospitals for the command API and the process managers: a registration or
  // suspension through the API is seen by both at once.
  const hospitals = hospitalDirectory(store);
  const commandDeps = {
    eventStore: store,
    keyStore: keys,
    events: eventRegistry(commandModules),
    clock: () => new Date(),
    newId: uuidv7,
    blindIndex: blindIndexer(Buffer.from(secrets.blindIndexKey, 'base64')),
    hospitals,
    kafkaPartitions: PARTITIONS,
  };
  const relay = await startRelay({
    store,
    bus,
    checkpoints: memoryCheckpointStore(head === 0 ? null : head),
    modules: Object.keys(moduleEvents),
    encode: toBusMessage,
    topicsOf: moduleTopics,
    partitions: PARTITIONS,
    maxBatchDelayMs: 5,
    moves: { groupsOf: systemGroupsOf(), completeMove: moveCompleter(commandDeps) },
  });
  const projectors: Projector[] = [];
  for (const projection of Object.values(projections)) {
    projectors.push(await startLiveProjector(projection, { bus, readStore, cache, keys, partitions: PARTITIONS }));
  }
  // The process managers act on what the relay publishes from now on, through the same command
  // pipeline as the API. The in-process bus keeps no offsets across restarts: an event recorded in
  // the moment before a stop that its process manager had not yet acted on is not acted on later.
  const processManagerRuntimes: ProcessManagerRuntime[] = [];
  for (const { processManager, module } of Object.values(processManagers)) {
    processManagerRuntimes.push(
      await startProcessManager({ bus, processManager, module, commands: commandDeps, partitions: PARTITIONS }),
    );
  }

  const tokens = createDevTokenIssuer();
  const auth = options.auth ?? { issuer: tokens.issuer, audience: tokens.audience, publicKey: tokens.publicKey };
  const commandApp = createCommandApp({
    eventStore: store,
    keyStore: keys,
    idempotency: createMemoryIdempotencyStore(),
    auth,
    modules: commandModules,
    hospitals,
    blindIndexSecret: Buffer.from(secrets.blindIndexKey, 'base64'),
    kafkaPartitions: PARTITIONS,
    ...(options.requestLog ? { requestLog: options.requestLog, logger: options.requestLog } : {}),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
  });
  const readApp = createReadApp({
    readStore,
    eventStore: store,
    cache,
    auth,
    hospitalStatus: hospitalStatusFromEventStore(store),
    ...(options.requestLog ? { requestLog: options.requestLog, logger: options.requestLog } : {}),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
  });
  const servers: HttpService[] = [];
  servers.push(await serveHttp(commandApp, options.commandPort, host));
  servers.push(await serveHttp(readApp, options.readPort, host));
  const [commandHttp, readHttp] = servers as [HttpService, HttpService];

  return {
    commandUrl: `http://${host}:${commandHttp.port}`,
    readUrl: `http://${host}:${readHttp.port}`,
    eventsAtStart: head,
    store,
    readStore,
    mint: (claims) => tokens.mint(claims),
    async stop() {
      await Promise.all(servers.map((s) => s.close(2_000)));
      await relay.stop();
      await Promise.all(projectors.map((p) => p.stop()));
      await Promise.all(processManagerRuntimes.map((p) => p.stop()));
      await Promise.allSettled([bus.close(), readStore.close(), cache.close(), keys.close(), store.close()]);
    },
  };
}

/** Every role a token can carry, for the printed demo tokens. */
export const DEMO_ROLES = ROLES;
