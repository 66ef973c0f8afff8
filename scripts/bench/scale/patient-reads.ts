/**
 * How read latency grows with a hospital's patients. The read model is filled directly, in bulk: the
 * patients are registered through the real command pipeline into an in-memory event store (validate,
 * decide, encrypt, seal), the patients projection's own handlers fold those events into an in-memory
 * read store (`rebuildModule`, the product's blue/green rebuild), and the documents it produced are
 * bulk-inserted into the MongoDB-wire server's live collections (indexes made first, by the same
 * Applier the projector uses). Projecting 100k patients through FerretDB one guarded write at a time
 * would take hours here; the documents are the same either way.
 *
 * Each size is its own hospital, added to the same collections (1k, then 10k more, then 100k more),
 * as hospitals accumulate in one deployment; the reads are the read API's, over HTTP.
 */
import {
  createMemoryKeyStore,
  type Document,
  MemoryEventStore,
  MemoryReadStore,
  type ReadStore,
} from '@chartline/infra';
import { Applier, liveNaming, projectionFor, rebuildModule, revealWith } from '@chartline/projections';
import { openPipelineAdapters } from '@chartline/projections/wiring';
import { v7 as uuidv7 } from 'uuid';
import { commandModules } from '../../../commands/src/main/modules.js';
import { executeCommand } from '../../../commands/src/server/execute-command.js';
import { randomPerson } from '../../generate/people.js';
import { seededRandom } from '../../generate/prng.js';
import { generateWorkload } from '../../generate/workload.js';
import { httpStepSender } from '../http-steps.js';
import { benchCommandDeps } from '../peer/drive-direct.js';
import type { SeriesRow } from '../results.js';
import { ms, summarise } from '../stats.js';
import type { BenchSystem } from '../system.js';
import { load1 } from './store-size.js';

export interface PatientReadsOptions {
  /** Patients per hospital, ascending: one hospital per size. */
  readonly sizes: readonly number[];
  readonly clients: number;
  /** Per query kind, cached and uncached each. */
  readonly seconds: number;
  readonly log: (line: string) => void;
}

export interface PatientReadsResult {
  readonly rows: SeriesRow[];
  /** The MongoDB-wire server's explain of the reads, at the largest size. */
  readonly explain: string;
  readonly fill: string;
}

/** The three reads a ward clerk makes: a patient's summary, a search by name, the first page of the list. */
export const READ_KINDS = ['summary', 'name_search', 'list_page'] as const;
export type ReadKind = (typeof READ_KINDS)[number];

interface Filled {
  readonly hospitalId: string;
  readonly patientIds: readonly string[];
  readonly names: readonly (readonly [string, string])[];
}

/**
 * The query path of the n-th read of a kind: uncached reads never repeat a path (each misses the
 * cache), cached ones repeat one path. Null when the kind has run out of distinct paths.
 */
export function readPath(kind: ReadKind, filled: Filled, n: number, cached: boolean): string | null {
  const base = `/hospitals/${filled.hospitalId}/patients`;
  // Path 0 is the cached reads' (warmed first): the uncached ones start after it, so none is a hit.
  const i = cached ? 0 : n + 1;
  switch (kind) {
    case 'summary':
      return i < filled.patientIds.length ? `${base}/${filled.patientIds[i]}` : null;
    case 'name_search': {
      const pair = filled.names[i % filled.names.length]!;
      const limit = 1 + Math.floor(i / filled.names.length);
      if (limit > 100) return null;
      return `${base}/search?name=${encodeURIComponent(`${pair[0]} ${pair[1]}`)}&limit=${limit}`;
    }
    case 'list_page': {
      const limit = 1 + (i % 100);
      const sort = (['familyName', 'mrn', 'birthDate'] as const)[Math.floor(i / 100) % 3]!;
      const order = Math.floor(i / 300) % 2 === 0 ? 'asc' : 'desc';
      if (i >= 600) return null;
      return `${base}/search?limit=${limit}&sort=${sort}&order=${order}`;
    }
  }
}

export async function benchPatientReads(
  system: BenchSystem,
  options: PatientReadsOptions,
): Promise<PatientReadsResult> {
  const { log } = options;
  if (!system.readApiUrl) throw new Error(`no read API: ${system.missing['pipeline'] ?? 'not started'}`);
  if (!system.mongodbUrl) throw new Error('MONGODB_URL not set');
  const adapters = await openPipelineAdapters({
    eventStore: system.eventStoreUrl,
    mongodb: system.mongodbUrl,
    keyStore: system.eventStoreUrl,
    masterKey: system.masterKey,
  });
  const rows: SeriesRow[] = [];
  const fills: string[] = [];
  let inCollection = 0;
  let last: Filled | undefined;
  try {
    for (const [index, size] of options.sizes.entries()) {
      const hospitalId = `scale-p${index + 1}-${size}`;
      const started = performance.now();
      await registerHospital(system, hospitalId);
      const { filled, documents } = await fillPatients(adapters.readStore, hospitalId, size, log);
      inCollection += size;
      last = filled;
      fills.push(`${size} patients (${documents} documents) in ${((performance.now() - started) / 1000).toFixed(0)} s`);
      const row: Record<string, number | null> = { patients: size, patients_in_collection: inCollection };
      await untilServed(system, hospitalId);
      for (const kind of READ_KINDS) Object.assign(row, await measureKind(system, filled, kind, options));
      row['load_1m'] = load1();
      rows.push(row);
    }
    const explain = last
      ? await explainReads(system.mongodbUrl, last).catch((e) => `explain failed: ${String(e)}`)
      : '';
    return { rows, explain, fill: fills.join('; ') };
  } finally {
    await adapters.close();
  }
}

/**
 * The read API learns a hospital's status through a 5-second cache (docs/operations.md): a status
 * looked up before the registration can still say "not registered" for a few seconds after it.
 */
async function untilServed(system: BenchSystem, hospitalId: string): Promise<void> {
  const token = await system.tokenForReader(hospitalId);
  const deadline = Date.now() + 30_000;
  for (;;) {
    const res = await fetch(`${system.readApiUrl}/hospitals/${hospitalId}/patients/search?mrn=0000000000`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    await res.arrayBuffer();
    if (res.status === 200) return;
    if (Date.now() > deadline) throw new Error(`the read API still refuses ${hospitalId}: ${res.status}`);
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

/** The hospital registered through the command API (the read API refuses tokens for an unregistered one). */
async function registerHospital(system: BenchSystem, hospitalId: string): Promise<void> {
  const [register] = generateWorkload({ hospitals: 1, days: 1, seed: 'scale-patients', hospitalIds: [hospitalId] });
  if (register?.command !== 'register-hospital') throw new Error('the workload no longer starts by registering');
  const send = httpStepSender({
    baseUrl: `http://127.0.0.1:${system.commandApi.port}`,
    tokenFor: system.tokenFor,
    runId: `scale-${hospitalId}-${Date.now()}`,
  });
  await send(register, 0);
}

/** Registers `size` patients in memory, folds them with the projection, bulk-inserts the documents. */
async function fillPatients(readStore: ReadStore, hospitalId: string, size: number, log: (line: string) => void) {
  const store = new MemoryEventStore();
  const keyStore = createMemoryKeyStore();
  const deps = benchCommandDeps(store, keyStore);
  const module = commandModules.find((m) => m.name === 'patients')!;
  const spec = module.specs.find((s) => s.name === 'register-patient')!;
  const random = seededRandom(`scale-patients/${hospitalId}`);
  let t = performance.now();
  for (let i = 0; i < size; i++) {
    await executeCommand(
      {
        module,
        spec,
        body: spec.body.parse(randomPerson(random)),
        hospitalId,
        actor: { id: 'bench-front-desk', role: 'front_desk' },
        correlationId: uuidv7(),
        commandId: uuidv7(),
        traceparent: null,
      },
      deps,
    );
  }
  const decided = performance.now() - t;
  t = performance.now();
  const folded = new MemoryReadStore();
  const result = await rebuildModule({ store, readStore: folded, reveal: revealWith(keyStore) }, 'patients');
  const foldMillis = performance.now() - t;
  t = performance.now();
  const projection = projectionFor('patients');
  await new Applier(projection, { readStore, naming: liveNaming(), reveal: revealWith(keyStore) }).ensureIndexes();
  let documents = 0;
  for (const view of projection.views) {
    const docs = await folded.collection(view.name).find({});
    const target = readStore.collection(view.name);
    if (!target.insertMany) throw new Error('the read store has no bulk insert');
    for (let i = 0; i < docs.length; i += 1000) await target.insertMany(docs.slice(i, i + 1000));
    documents += docs.length;
  }
  log(
    `scale: ${hospitalId}: ${size} patients decided in ${(decided / 1000).toFixed(1)} s, ${result.events} events folded in ${(foldMillis / 1000).toFixed(1)} s, ${documents} documents inserted in ${((performance.now() - t) / 1000).toFixed(1)} s (load ${load1()})`,
  );
  const summaries = await folded.collection(projection.views[0]!.name).find({});
  const names = new Map<string, readonly [string, string]>();
  for (const doc of summaries) {
    const pair = [String(doc['givenName']), String(doc['familyName'])] as const;
    names.set(pair.join(' '), pair);
  }
  const patientIds = shuffle(
    summaries.map((doc: Document) => String(doc['patientId'])),
    seededRandom(hospitalId),
  );
  return { filled: { hospitalId, patientIds, names: [...names.values()] }, documents };
}

function shuffle<T>(items: T[], random: { int(min: number, max: number): number }): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

async function measureKind(system: BenchSystem, filled: Filled, kind: ReadKind, options: PatientReadsOptions) {
  const token = await system.tokenForReader(filled.hospitalId);
  const get = async (path: string) => {
    const res = await fetch(`${system.readApiUrl}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(READ_TIMEOUT_MS),
    });
    const body = await res.text();
    // The problem's type says which rule refused (no PHI: problem bodies never carry any).
    if (res.status !== 200) throw new Error(`GET ${kind}: ${res.status} ${body.slice(0, 160)}`);
  };
  const figures: Record<string, number | null> = {};
  for (const cached of [true, false]) {
    const name = `${kind}_${cached ? 'cached' : 'uncached'}`;
    if (cached) {
      // The warming read is a miss: on a collection the server scans it can time out like any miss.
      try {
        await get(readPath(kind, filled, 0, true)!);
      } catch (error) {
        figures[`${name}_p50_ms`] = null;
        figures[`${name}_p99_ms`] = null;
        figures[`${name}_failed`] = 1;
        options.log(`scale: ${filled.patientIds.length} patients, ${name}: the warming read failed (${String(error)})`);
        continue;
      }
    }
    // Uncached reads one at a time: on a server that scans, side-by-side misses only queue behind each other.
    const clients = cached ? options.clients : 1;
    const run = await timedReads(clients, options.seconds, (n) => readPath(kind, filled, n, cached), get);
    const summary = summarise(run.latencies);
    // A read that timed out has no latency to rank: the point is left out (the log says why).
    figures[`${name}_p50_ms`] = run.errors === 0 ? ms(summary.p50) : null;
    figures[`${name}_p99_ms`] = run.errors === 0 ? ms(summary.p99) : null;
    figures[`${name}_failed`] = run.errors;
    figures[`${name}_reads`] = run.latencies.length;
    options.log(
      `scale: ${filled.patientIds.length} patients, ${name}: ${run.latencies.length} reads, p50 ${ms(summary.p50)} ms, p99 ${ms(summary.p99)} ms, ${run.errors} failed${run.firstError ? ` (${run.firstError})` : ''} (load ${load1()})`,
    );
  }
  return figures;
}

/** A read not answered in this long counts as failed (a scan of 100k documents on a loaded machine). */
const READ_TIMEOUT_MS = 120_000;

/** Clients reading until the time is up or the paths run out; a timed-out or failed read stops its client. */
async function timedReads(
  clients: number,
  seconds: number,
  pathOf: (n: number) => string | null,
  get: (path: string) => Promise<void>,
) {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let n = 0;
  const deadline = performance.now() + seconds * 1000;
  const client = async () => {
    for (;;) {
      const path = performance.now() < deadline ? pathOf(n++) : null;
      if (path === null) return;
      const t0 = performance.now();
      try {
        await get(path);
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: clients }, client));
  return { latencies, errors, firstError };
}

/** The server's own explain of the three reads, as the read API sends them (filters from queries.ts). */
async function explainReads(mongodbUrl: string, filled: Filled): Promise<string> {
  const { MongoClient } = await import('mongodb');
  const client = new MongoClient(mongodbUrl, { serverSelectionTimeoutMS: 5000 });
  await client.connect();
  try {
    const db = client.db();
    const hospitalId = filled.hospitalId;
    const [given, family] = filled.names[0]!;
    const plans: [string, unknown][] = [
      [
        'summary: patient_summary by hospital and patient',
        await db.collection('patient_summary').find({ hospitalId, patientId: filled.patientIds[0] }).explain(),
      ],
      [
        'name search: patient_search by name tokens, sorted by family name',
        await db
          .collection('patient_search')
          .find({
            hospitalId,
            searchable: true,
            $and: [{ nameTokens: given.toLowerCase() }, { nameTokens: family.toLowerCase() }],
          })
          .sort({ familyName: 1, _id: 1 })
          .limit(21)
          .explain(),
      ],
      [
        'list page: patient_search first page by family name',
        await db
          .collection('patient_search')
          .find({ hospitalId, searchable: true })
          .sort({ familyName: 1, _id: 1 })
          .limit(21)
          .explain(),
      ],
    ];
    return plans.map(([title, plan]) => `-- ${title}\n${JSON.stringify(plan, null, 2)}`).join('\n\n');
  } finally {
    await client.close();
  }
}
