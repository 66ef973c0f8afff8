/**
 * Append throughput per event-store adapter: events/s for single-event appends and batches of
 * 100, with 1 and 16 concurrent writers, each cell run for a bounded time.
 * Run: `npx tsx scripts/bench/append.ts` (PostgreSQL too when POSTGRES_URL is set).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type EventStore, MemoryEventStore, PostgresEventStore, SqliteEventStore } from '@chartline/infra';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';

export interface AppendFigure {
  readonly adapter: string;
  readonly batchSize: number;
  readonly writers: number;
  readonly events: number;
  readonly seconds: number;
  readonly eventsPerSecond: number;
}

export interface AppendBenchOptions {
  /** Duration of each cell. Default 3 s. */
  readonly secondsPerCell?: number;
  readonly postgresUrl?: string;
}

type Adapter = { name: string; open(): Promise<EventStore>; cleanup(): Promise<void> };

export async function benchAppend(options: AppendBenchOptions = {}): Promise<AppendFigure[]> {
  const seconds = options.secondsPerCell ?? 3;
  const figures: AppendFigure[] = [];
  for (const adapter of adapters(options.postgresUrl)) {
    try {
      for (const batchSize of [1, 100]) {
        for (const writers of [1, 16]) {
          const store = await adapter.open();
          try {
            figures.push({ adapter: adapter.name, ...(await cell(store, batchSize, writers, seconds)) });
          } finally {
            await store.close();
          }
        }
      }
    } finally {
      await adapter.cleanup();
    }
  }
  return figures;
}

/** One cell: `writers` writers appending batches of `batchSize` to their own new streams for `seconds`. */
export async function cell(store: EventStore, batchSize: number, writers: number, seconds: number) {
  const payload = { reading: 'x'.repeat(200), unit: 'mmHg' };
  const deadline = Date.now() + seconds * 1000;
  const started = process.hrtime.bigint();
  const counts = await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      let written = 0;
      let revision: number | 'no_stream' = 'no_stream';
      const stream = `chart-bench.${uuidv7()}-${w}`;
      while (Date.now() < deadline) {
        const events = Array.from({ length: batchSize }, () => ({
          eventId: uuidv7(),
          type: 'charting.VitalsRecorded',
          data: payload,
          metadata: { hospitalId: 'bench' },
        }));
        revision = (await store.append(stream, events, revision)).nextExpectedRevision;
        written += batchSize;
      }
      return written;
    }),
  );
  const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
  const events = counts.reduce((a, b) => a + b, 0);
  return { batchSize, writers, events, seconds: elapsed, eventsPerSecond: Math.round(events / elapsed) };
}

function adapters(postgresUrl: string | undefined): Adapter[] {
  const dir = mkdtempSync(join(tmpdir(), 'chartline-bench-'));
  let n = 0;
  const list: Adapter[] = [
    { name: 'memory', open: async () => new MemoryEventStore(), cleanup: async () => undefined },
    {
      name: 'sqlite (WAL file)',
      open: async () => new SqliteEventStore({ path: join(dir, `bench-${n++}.db`) }),
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    },
  ];
  if (postgresUrl) {
    const schema = `es_bench_${process.pid}_${Date.now()}`;
    list.push({
      name: 'postgres',
      open: () => PostgresEventStore.open({ url: postgresUrl, schema, poolSize: 17 }),
      cleanup: async () => {
        const client = new pg.Client(postgresUrl);
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
        await client.end();
      },
    });
  }
  return list;
}

export function formatTable(figures: readonly AppendFigure[]): string {
  const header = ['adapter', 'batch', 'writers', 'events', 'seconds', 'events/s'];
  const rows = figures.map((f) => [
    f.adapter,
    String(f.batchSize),
    String(f.writers),
    String(f.events),
    f.seconds.toFixed(1),
    f.eventsPerSecond.toLocaleString('en-US'),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i] ?? 0)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const postgresUrl = process.env['POSTGRES_URL'] || undefined;
  if (!postgresUrl) console.log('POSTGRES_URL not set: PostgreSQL is not measured');
  const figures = await benchAppend({ ...(postgresUrl ? { postgresUrl } : {}) });
  console.log(formatTable(figures));
}
