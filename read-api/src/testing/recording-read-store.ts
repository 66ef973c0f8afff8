import type { ReadCollection, ReadStore } from '@chartline/infra';

/** The real store, with every collection operation counted: proves a refused request never reached it. */
export function recordingReadStore(inner: ReadStore): ReadStore & { readonly calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    collection(name: string): ReadCollection {
      const collection = inner.collection(name);
      return new Proxy(collection, {
        get(target, property, receiver) {
          const value = Reflect.get(target, property, receiver);
          if (typeof value !== 'function') return value;
          return (...args: unknown[]) => {
            calls.push(`${name}.${String(property)}`);
            return (value as (...a: unknown[]) => unknown).apply(target, args);
          };
        },
      });
    },
    listCollections: () => inner.listCollections(),
    dropCollection: (name) => inner.dropCollection(name),
    renameCollection: (from, to, options) => inner.renameCollection(from, to, options),
    ping: () => inner.ping(),
    close: () => inner.close(),
  };
}
