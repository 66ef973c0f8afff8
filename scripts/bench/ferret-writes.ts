/**
 * The projector's write shapes against the MongoDB-wire server, per write, as the collection grows:
 * does a write cost more when the collection holds more documents? (It does on FerretDB's SQLite
 * backend for every filter but a bare `{_id}`: only that one is pushed down to SQLite, anything else
 * is a scan decoded in Go.) Also the compare-and-swap write at 1…64 at once, each level with a
 * deadline, since FerretDB's PostgreSQL backend was once seen to hang at 16 at once.
 *
 *   npx tsx scripts/bench/ferret-writes.ts --url mongodb://127.0.0.1:57017/ [--pid <server pid>]
 *     [--sizes 500,2000,8000] [--writes 100] [--concurrency 1,8,16,32,64]
 *
 * With `--pid`, each figure also gives the server's own CPU per write (from /proc): on a shared
 * machine that is the figure to trust, wall time depends on the neighbours. With `--pg-url` (the
 * PostgreSQL that FerretDB stores in, and its database) it adds the CPU of PostgreSQL's backends
 * serving FerretDB there (application_name FerretDB), so the two backends are compared whole.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { MongoClient } from 'mongodb';
import pg from 'pg';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    pid: { type: 'string' },
    sizes: { type: 'string', default: '500,2000,8000' },
    writes: { type: 'string', default: '100' },
    concurrency: { type: 'string', default: '1,8,16,32,64' },
    label: { type: 'string', default: '' },
    'pg-url': { type: 'string' },
  },
});
const url = values.url ?? process.env['MONGODB_URL'];
if (!url) throw new Error('--url or MONGODB_URL');
const pid = values.pid ? Number(values.pid) : undefined;
const sizes = values.sizes.split(',').map(Number);
const writes = Number(values.writes);
const levels = values.concurrency.split(',').map(Number).filter(Boolean);

/** utime + stime of a process, in ms (clock ticks are 100 a second on Linux); 0 once it is gone. */
function cpuMsOf(process: number): number {
  try {
    const fields = readFileSync(`/proc/${process}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

const pgClient = values['pg-url'] ? new pg.Client(values['pg-url']) : undefined;
await pgClient?.connect();
/** PostgreSQL's backends serving FerretDB in its database, by pid → CPU ms when last read. */
const backends = new Map<number, number>();

/** The server's CPU so far, in ms: FerretDB's, plus (with --pg-url) its PostgreSQL backends'. */
async function serverCpuMs(): Promise<number> {
  if (!pid) return Number.NaN;
  if (pgClient) {
    const { rows } = await pgClient.query<{ pid: number }>(
      "select pid from pg_stat_activity where application_name = 'FerretDB' and datname = current_database()",
    );
    for (const row of rows) backends.set(row.pid, cpuMsOf(row.pid));
  }
  let total = cpuMsOf(pid);
  for (const ms of backends.values()) total += ms;
  return total;
}

/** A view document of about the size a patient summary has (~600 bytes of JSON). */
function documentFor(i: number, position: number) {
  return {
    hospitalId: `h${i % 4}`,
    patientId: `p-${i}`,
    name: { family: `Family${i}`, given: [`Given${i}`, 'Second'] },
    mrn: `MRN${String(i).padStart(8, '0')}`,
    birthDate: '1970-01-01',
    allergies: [{ code: 'A1', severity: 'high' }],
    admissions: [{ stayId: `s-${i}`, ward: `w${i % 12}`, admittedAt: '2026-11-30T10:00:00.000Z' }],
    flags: [],
    note: 'x'.repeat(200),
    position,
  };
}

interface Figure {
  shape: string;
  size: number;
  msPerWrite: number;
  serverCpuMsPerWrite: number;
}

async function timed(shape: string, size: number, n: number, work: (i: number) => Promise<unknown>): Promise<Figure> {
  const cpu0 = await serverCpuMs();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await work(i);
  const ms = performance.now() - t0;
  return { shape, size, msPerWrite: ms / n, serverCpuMsPerWrite: ((await serverCpuMs()) - cpu0) / n };
}

const client = new MongoClient(url, { serverSelectionTimeoutMS: 3000 });
const db = client.db(`ferret_writes_${process.pid}`);
const figures: Figure[] = [];
const concurrency: { level: number; writes: number; seconds: number | null; serverCpuMsPerWrite: number }[] = [];
try {
  for (const size of sizes) {
    const c = db.collection<{ _id: string } & Record<string, unknown>>(`size_${size}`);
    for (let i = 0; i < size; i += 500) {
      await c.insertMany(
        Array.from({ length: Math.min(500, size - i) }, (_, k) => ({ _id: `d-${i + k}`, ...documentFor(i + k, 1) })),
      );
    }
    // Documents spread over the collection, each written once per shape, positions rising.
    const id = (i: number) => `d-${Math.floor((i * size) / writes)}`;
    let position = 1;
    figures.push(await timed('findOne {_id} (load)', size, writes, (i) => c.findOne({ _id: id(i) })));
    figures.push(
      await timed('replaceOne {_id, position} (flush, CAS)', size, writes, (i) =>
        c.replaceOne({ _id: id(i), position }, documentFor(i, position + 1)),
      ),
    );
    position++;
    figures.push(
      await timed('replaceOne {_id} (rebuild)', size, writes, (i) =>
        c.replaceOne({ _id: id(i) }, documentFor(i, position)),
      ),
    );
    figures.push(
      await timed('updateOne {_id, $or position} (replay guard)', size, writes, (i) =>
        c.updateOne(
          { _id: id(i), $or: [{ position: { $lt: position + 1 } }, { position: { $exists: false } }] },
          { $set: { position: position + 1, note: 'y' } },
        ),
      ),
    );
    figures.push(
      await timed('insertOne (new document)', size, writes, (i) =>
        c.insertOne({ _id: `new-${i}`, ...documentFor(i, 1) }),
      ),
    );
    figures.push(
      await timed('find {hospitalId, mrn} (idsWhere)', size, writes, (i) =>
        c.find({ hospitalId: `h${i % 4}`, mrn: `MRN${String(i).padStart(8, '0')}` }).toArray(),
      ),
    );
    for (const f of figures.filter((x) => x.size === size)) console.error(JSON.stringify(f));
  }
  // Compare-and-swap writes N at once on the largest collection, each level given 60 s.
  const size = sizes.at(-1)!;
  const c = db.collection<{ _id: string } & Record<string, unknown>>(`size_${size}`);
  const live = await c.find({}, { projection: { _id: 1, position: 1 } }).toArray();
  const positions = new Map(live.map((d) => [d._id, d['position'] as number]));
  let next = 0;
  for (const level of levels) {
    const n = Math.max(level * 4, 32);
    const ids = Array.from({ length: n }, () => live[next++ % live.length]!._id);
    const cpu0 = await serverCpuMs();
    const t0 = performance.now();
    const all = (async () => {
      for (let i = 0; i < n; i += level) {
        await Promise.all(
          ids.slice(i, i + level).map(async (id) => {
            const p = positions.get(id)!;
            await c.replaceOne({ _id: id, position: p }, documentFor(0, p + 1));
            positions.set(id, p + 1);
          }),
        );
      }
    })();
    const finished = await Promise.race([
      all.then(() => true),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), 60_000).unref()),
    ]);
    const figure = {
      level,
      writes: n,
      seconds: finished ? (performance.now() - t0) / 1000 : null,
      serverCpuMsPerWrite: ((await serverCpuMs()) - cpu0) / n,
    };
    concurrency.push(figure);
    console.error(JSON.stringify(figure));
    if (!finished) break;
  }
} finally {
  await db.dropDatabase().catch(() => undefined);
  await client.close(true);
  await pgClient?.end();
}
const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
console.log(JSON.stringify({ label: values.label, url, at: new Date().toISOString(), load, figures, concurrency }));
process.exit(0);
