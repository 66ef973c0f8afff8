import {
  type Cache,
  type EventBus,
  type EventStore,
  InProcessBus,
  KafkaBus,
  type KeyStore,
  LruCache,
  MasterKey,
  MemoryReadStore,
  openEventStore,
  openKeyStore,
  openMongoReadStore,
  openRedisCache,
  type ReadStore,
} from '@chartline/infra';

/** URLs of the pipeline's stores; an absent one means its embedded adapter. */
export interface PipelineUrls {
  readonly eventStore?: string;
  readonly kafkaBrokers?: string;
  readonly mongodb?: string;
  readonly redis?: string;
  readonly keyStore?: string;
  /** base64 or hex, 32 bytes; a fresh one for the embedded key store when absent. */
  readonly masterKey?: string;
}

export interface PipelineAdapters {
  readonly store: EventStore;
  readonly bus: EventBus;
  readonly readStore: ReadStore;
  readonly cache: Cache;
  readonly keys: KeyStore;
  close(): Promise<void>;
}

/** Opens each port by its URL, falling back to the embedded adapter, as the design's port table says. */
export async function openPipelineAdapters(urls: PipelineUrls): Promise<PipelineAdapters> {
  const store = await openEventStore(urls.eventStore ?? 'memory:');
  const bus: EventBus = urls.kafkaBrokers ? new KafkaBus({ brokers: urls.kafkaBrokers }) : new InProcessBus();
  const readStore: ReadStore = urls.mongodb ? await openMongoReadStore(urls.mongodb) : new MemoryReadStore();
  const cache: Cache = urls.redis ? await openRedisCache(urls.redis) : new LruCache();
  const master = urls.masterKey ? MasterKey.parse(urls.masterKey) : MasterKey.generate();
  const keys = await openKeyStore(urls.keyStore ?? 'memory:', master);
  return {
    store,
    bus,
    readStore,
    cache,
    keys,
    async close() {
      await Promise.allSettled([bus.close(), readStore.close(), cache.close(), keys.close(), store.close()]);
    },
  };
}
