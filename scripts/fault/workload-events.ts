import {
  createDevTokenIssuer,
  createMemoryIdempotencyStore,
  type EventStore,
  type KeyStore,
  MemoryEventStore,
  type RecordedEvent,
  serveHttp,
} from '@chartline/infra';
import { commandModules } from '../../commands/src/main/modules.js';
import { createCommandApp } from '../../commands/src/server/app.js';
import { driveWorkload } from '../generate/drive.js';
import { tokenMinter } from '../generate/tokens.js';
import type { WorkloadStep } from '../generate/workload.js';

/**
 * Sends a generated workload over HTTP to the real command server backed by an in-memory event
 * store, and returns what it recorded: events sealed and encrypted exactly as in production (the
 * data keys in `keys`), ready to be written into the store under test at whatever pace a test or
 * benchmark wants. Writing them through PostgreSQL here would make the command path, not the
 * pipeline, the slowest part of every run.
 */
export async function recordWorkload(steps: readonly WorkloadStep[], keys: KeyStore): Promise<RecordedEvent[]> {
  const store = new MemoryEventStore();
  const issuer = createDevTokenIssuer();
  const app = createCommandApp({
    eventStore: store,
    keyStore: keys,
    idempotency: createMemoryIdempotencyStore(),
    auth: { issuer: issuer.issuer, audience: issuer.audience, publicKey: issuer.publicKey },
    modules: commandModules,
    blindIndexSecret: 'recorded-workload',
  });
  const http = await serveHttp(app, 0, '127.0.0.1');
  try {
    const result = await driveWorkload(steps, {
      baseUrl: `http://127.0.0.1:${http.port}`,
      tokenFor: tokenMinter({ privateKey: issuer.privateKey, issuer: issuer.issuer, audience: issuer.audience }),
      runId: 'recorded-workload',
      concurrency: 4,
    });
    if (result.failures.length > 0) throw new Error(`workload refused: ${JSON.stringify(result.failures[0])}`);
    return await store.readAll();
  } finally {
    await http.close(100);
    await store.close();
  }
}

/**
 * Writes recorded events into another store in their original order, one command's events (same
 * correlation id) per atomic multi-stream append as the command server wrote them, so streams,
 * revisions and the order of positions come out as they were. `onWritten` may pause to set a pace.
 */
export async function writeInOrder(
  events: readonly RecordedEvent[],
  store: EventStore,
  onWritten: (written: number) => Promise<void> | void = () => {},
): Promise<void> {
  let written = 0;
  for (let i = 0; i < events.length; ) {
    const correlation = events[i]!.metadata['correlationId'];
    let end = i + 1;
    while (end < events.length && correlation && events[end]!.metadata['correlationId'] === correlation) end++;
    const byStream = new Map<string, RecordedEvent[]>();
    for (const e of events.slice(i, end)) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
    await store.appendToStreams(
      [...byStream].map(([streamId, list]) => ({
        streamId,
        expected: list[0]!.revision === 0 ? 'no_stream' : list[0]!.revision - 1,
        events: list.map((e) => ({ eventId: e.eventId, type: e.type, data: e.data, metadata: e.metadata })),
      })),
    );
    written += end - i;
    i = end;
    await onWritten(written);
  }
}
