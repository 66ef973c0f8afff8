import { type EventStore, PostgresEventStore } from '@chartline/infra';
import { STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import { v7 as uuidv7 } from 'uuid';
import type { WorkloadStep } from '../../generate/workload.js';
import { createDatabase, dropDatabase } from '../databases.js';
import { cpuMsByProcessNamed, cpuMsSince } from '../processes.js';
import type { Figures } from '../results.js';
import { ms, perSecond } from '../stats.js';
import { driveDirect } from './drive-direct.js';
import { EmmettPortAdapter } from './emmett-store.js';

export interface PeerOptions {
  readonly postgresUrl: string;
  readonly steps: readonly WorkloadStep[];
  readonly clients: number;
  readonly appendSeconds: number;
  readonly appendWriters: number;
  readonly log: (line: string) => void;
}

const PAYLOAD = { reading: 'x'.repeat(200), unit: 'mmHg' };

/** Emmett's pool is node-postgres's default (10 connections); ours gets the same for the comparison. */
const PEER_POOL_SIZE = 10;

/** Our port with only what the command pipeline uses; the rest is never called here. */
function asEventStore(adapter: EmmettPortAdapter): EventStore {
  const unused = () => {
    throw new Error('not used by the command pipeline');
  };
  return {
    readStream: (s, o) => adapter.readStream(s, o),
    // Emmett keeps no command records: the peer runs the pipeline without the durable idempotency
    // check (one lookup and one row per command on our side), which the comparison does not hide.
    appendToStreams: (a) => adapter.appendToStreams(a),
    findCommand: async () => undefined,
    close: () => adapter.close(),
    append: unused,
    readAll: unused,
    subscribeToAll: unused,
    headPosition: unused,
    ping: async () => true,
  };
}

interface AppendCell {
  readonly perSecond: number | null;
  /** CPU per appended event of PostgreSQL's processes (all of the server's: quiet machine only). */
  readonly serverCpuMsPerEvent: number | null;
  /** CPU per appended event of this process (the client side: driver, encoding, the adapter). */
  readonly clientCpuMsPerEvent: number | null;
}

/** Single-event appends by `writers` concurrent writers, each on its own stream, for `seconds`. */
async function appendRate(
  writers: number,
  seconds: number,
  appendOne: (stream: string, revision: number) => Promise<void>,
): Promise<AppendCell> {
  const serverBefore = cpuMsByProcessNamed('postgres');
  const clientBefore = process.cpuUsage();
  const deadline = Date.now() + seconds * 1000;
  const started = performance.now();
  const counts = await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      const stream = `vitals-bench.${uuidv7()}-${w}`;
      let revision = -1;
      while (Date.now() < deadline) {
        await appendOne(stream, revision);
        revision++;
      }
      return revision + 1;
    }),
  );
  const millis = performance.now() - started;
  const client = process.cpuUsage(clientBefore);
  const server = cpuMsSince('postgres', serverBefore);
  const events = counts.reduce((a, b) => a + b, 0);
  const per = (cpuMs: number) => (events > 0 ? ms(cpuMs / events) : null);
  return {
    perSecond: perSecond(events, millis),
    serverCpuMsPerEvent: serverBefore.size > 0 ? per(server) : null,
    clientCpuMsPerEvent: per((client.user + client.system) / 1000),
  };
}

/**
 * Emmett (event-driven-io/emmett-postgresql) against our PostgreSQL store on the same server, each
 * in its own database, same concurrency, same payloads: first raw single-event appends, then the
 * generated workload through the same command pipeline (no HTTP) on each store.
 */
export async function benchPeer(figures: Figures, options: PeerOptions): Promise<void> {
  const suffix = `${process.pid}_${Date.now()}`;
  const oursDb = `chartline_bench_ours_${suffix}`;
  const emmettDb = `chartline_bench_emmett_${suffix}`;
  const oursUrl = await createDatabase(options.postgresUrl, oursDb);
  const emmettUrl = await createDatabase(options.postgresUrl, emmettDb);
  try {
    // Appends: a fresh store each, so neither pays for the other's data.
    const ours = await PostgresEventStore.open({
      url: oursUrl,
      schema: 'peer_append',
      poolSize: PEER_POOL_SIZE,
    });
    let oursAppend: AppendCell;
    try {
      oursAppend = await appendRate(options.appendWriters, options.appendSeconds, async (stream, revision) => {
        await ours.append(
          stream,
          [{ eventId: uuidv7(), type: 'bench.VitalsRecorded', data: PAYLOAD, metadata: { hospitalId: 'bench' } }],
          revision === -1 ? 'no_stream' : revision,
        );
      });
    } finally {
      await ours.close();
    }
    const emmett = new EmmettPortAdapter(emmettUrl);
    let emmettAppend: AppendCell;
    try {
      // The first call migrates Emmett's schema: done before the clock starts.
      await emmett.emmett.schema.migrate();
      emmettAppend = await appendRate(options.appendWriters, options.appendSeconds, async (stream, revision) => {
        await emmett.emmett.appendToStream(
          stream,
          [{ type: 'bench.VitalsRecorded', data: PAYLOAD, metadata: { hospitalId: 'bench' } }],
          { expectedStreamVersion: revision === -1 ? STREAM_DOES_NOT_EXIST : BigInt(revision + 1) },
        );
      });
    } finally {
      await emmett.close();
    }
    options.log(
      `peer appends (${options.appendWriters} writers, single events): ours ${oursAppend.perSecond}/s, Emmett ${emmettAppend.perSecond}/s; CPU per event, PostgreSQL ${oursAppend.serverCpuMsPerEvent} vs ${emmettAppend.serverCpuMsPerEvent} ms, client ${oursAppend.clientCpuMsPerEvent} vs ${emmettAppend.clientCpuMsPerEvent} ms`,
    );
    figures.set('peer.ours_append_per_s', oursAppend.perSecond, 'no appends completed');
    figures.set('peer.emmett_append_per_s', emmettAppend.perSecond, 'no appends completed');
    figures.set('peer.append_ratio', ratio(oursAppend.perSecond, emmettAppend.perSecond), 'a side measured nothing');
    // What bounds both sides on a quiet machine is CPU (two cores for server and client): per event.
    const noServer = 'no PostgreSQL process visible in /proc (a remote server)';
    figures.set('peer.ours_append_pg_cpu_ms_per_event', oursAppend.serverCpuMsPerEvent, noServer);
    figures.set('peer.emmett_append_pg_cpu_ms_per_event', emmettAppend.serverCpuMsPerEvent, noServer);
    figures.set('peer.ours_append_client_cpu_ms_per_event', oursAppend.clientCpuMsPerEvent, 'no appends completed');
    figures.set('peer.emmett_append_client_cpu_ms_per_event', emmettAppend.clientCpuMsPerEvent, 'no appends completed');

    // Commands: the same generated steps on each store.
    const oursStore = await PostgresEventStore.open({
      url: oursUrl,
      schema: 'peer_commands',
      poolSize: PEER_POOL_SIZE,
    });
    const oursRun = await driveDirect(options.steps, oursStore, options.clients).finally(() => oursStore.close());
    const emmettStore = new EmmettPortAdapter(emmettUrl);
    const emmettRun = await driveDirect(options.steps, asEventStore(emmettStore), options.clients).finally(() =>
      emmettStore.close(),
    );
    options.log(
      `peer commands (${options.clients} hospitals side by side, ${options.steps.length} steps): ours ${oursRun.commandsPerSecond}/s (${oursRun.errors} refused), Emmett ${emmettRun.commandsPerSecond}/s (${emmettRun.errors} refused)`,
    );
    for (const e of [
      ...oursRun.firstErrors.map((m) => `ours: ${m}`),
      ...emmettRun.firstErrors.map((m) => `emmett: ${m}`),
    ]) {
      options.log(`  refused ${e}`);
    }
    const clean = (run: typeof oursRun) => (run.errors === 0 ? run.commandsPerSecond : null);
    const why = (run: typeof oursRun) =>
      `${run.errors} of ${options.steps.length} commands refused: ${run.firstErrors[0] ?? ''}`;
    figures.set('peer.ours_commands_per_s', clean(oursRun), why(oursRun));
    figures.set('peer.emmett_commands_per_s', clean(emmettRun), why(emmettRun));
    figures.set(
      'peer.commands_ratio',
      ratio(clean(oursRun), clean(emmettRun)),
      'a side refused commands (see its reason)',
    );
  } finally {
    await dropDatabase(options.postgresUrl, oursDb).catch(() => undefined);
    await dropDatabase(options.postgresUrl, emmettDb).catch(() => undefined);
  }
}

export const ratio = (ours: number | null, theirs: number | null): number | null =>
  ours === null || theirs === null || theirs === 0 ? null : Math.round((ours / theirs) * 100) / 100;
