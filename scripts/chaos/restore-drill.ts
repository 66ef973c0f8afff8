/**
 * npm run drill:restore [-- --out <file>]
 *
 * The restore drill (issue 24): follows "Backing up and restoring the event store" in
 * docs/operations.md on servers of its own (scripts/services.sh on other ports and another data
 * folder, never the shared ones). Chartline runs with a PostgreSQL event store (WAL archived) and a
 * key store in its own database; a base backup and a key-store dump are taken while commands keep
 * coming; a patient is erased after the key-store dump; writing goes on past a restore point T.
 * Then: point-in-time recovery of the event store to T into a new PostgreSQL, the key store restored
 * from its (older) dump, the erasures replayed, the relay checkpoint checked, the views rebuilt.
 * Checks: every chain verifies, the views equal a rebuild of the restored store, the erased patient
 * stays erased, nothing after T is there. Figures go to a results file. Exit 1 if a check fails.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { envelopeFromRecorded, verifyChain } from '@chartline/events';
import { MasterKey, openEventStore, openKeyStore, openMongoReadStore, postgresBinDir } from '@chartline/infra';
import pg from 'pg';
import { checkViews } from './checks.js';
import { startOwnServers } from './servers.js';
import { type ChaosSystem, startChaosSystem } from './system.js';
import { startSteadyWorkload } from './workload.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const { values } = parseArgs({ options: { out: { type: 'string' } } });
const out = values.out ?? join(ROOT, 'docs/restore-drill-results.json');
const log = (line: string) => process.stderr.write(`[drill] ${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const asRoot = process.getuid?.() === 0;
const bin = postgresBinDir();
if (!bin) {
  log('PostgreSQL server binaries (initdb, pg_ctl, pg_basebackup) are not installed under /usr/lib/postgresql');
  process.exit(1);
}
/** PostgreSQL refuses to run as root: as root its tools run as the `postgres` OS user. */
const asPg = (tool: string, args: string[]) =>
  asRoot
    ? run('runuser', ['-u', 'postgres', '--', tool.includes('/') ? tool : join(bin, tool), ...args], { cwd: '/' })
    : run(tool.includes('/') ? tool : join(bin, tool), args);
const timed = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const started = Date.now();
  const value = await work();
  return [value, Date.now() - started];
};
async function sql<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}
/** An operator's one-shot command from docs/operations.md, as the doc runs it (tsx entrypoint). */
function oneShot(script: string, args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, script), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (c: Buffer) => {
      err += c.toString();
    });
    child.on('exit', (code) =>
      code === 0 ? resolve(err) : reject(new Error(`${script} exited ${code}: ${err.slice(-500)}`)),
    );
  });
}

const problems: string[] = [];
const expect = (ok: boolean, what: string) => {
  if (!ok) problems.push(what);
  log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
};
const figures: Record<string, number | string | null> = {};
const started = Date.now();
const servers = await startOwnServers('drill', log, 44_000);
let system: ChaosSystem | undefined;
let restoredData: string | undefined;
let exitCode = 1;
try {
  const pgUrl = servers.env['POSTGRES_URL']!;
  const keysUrl = pgUrl.replace(/\/[^/]*$/, '/chartline_keys');
  await sql(pgUrl, 'CREATE DATABASE chartline_keys');
  const [{ data_directory: dataDir }] = (await sql<{ data_directory: string }>(pgUrl, 'SHOW data_directory')) as [
    { data_directory: string },
  ];
  const drill = join(dirname(dataDir), 'drill');
  const archive = join(drill, 'wal-archive');
  await asPg('/bin/mkdir', ['-p', archive]);

  // 1. WAL archiving on (docs: "continuous archiving with point-in-time recovery"), then a restart.
  await sql(pgUrl, "ALTER SYSTEM SET archive_mode = 'on'");
  await sql(pgUrl, `ALTER SYSTEM SET archive_command = 'test ! -f ${archive}/%f && cp %p ${archive}/%f'`);
  const pgPid = await servers.pidOf('postgres');
  process.kill(pgPid!, 'SIGINT'); // fast shutdown: our own server, by its pid
  while (await servers.pidOf('postgres')) await sleep(200);
  await servers.up();
  log('PostgreSQL restarted with WAL archiving');

  // 2. Chartline with the key store in its own database, and a steady workload.
  system = await startChaosSystem(servers.env, { KEY_STORE_URL: keysUrl });
  const env = system.env;
  const first = startSteadyWorkload({
    baseUrl: system.commandUrl,
    tokenFor: system.tokenFor,
    runId: `drill-${Date.now()}`,
    hospitals: 2,
    hospitalPrefix: 'drill',
    paceMs: 150,
    requestTimeoutMs: 10_000,
    retryForMs: 120_000,
  });
  await sleep(20_000);

  // 3. Backups while writing: a base backup of the cluster, and the key store's own dump.
  const base = join(drill, 'base');
  [, figures['base_backup_ms']] = await timed(() =>
    asPg('pg_basebackup', ['-h', '127.0.0.1', '-p', new URL(pgUrl).port, '-U', 'postgres', '-D', base, '-c', 'fast']),
  );
  const keysDump = join(drill, 'keys.dump');
  [, figures['key_store_dump_ms']] = await timed(() =>
    asPg('pg_dump', [
      '-h',
      '127.0.0.1',
      '-p',
      new URL(pgUrl).port,
      '-U',
      'postgres',
      '-Fc',
      '-f',
      keysDump,
      'chartline_keys',
    ]),
  );
  log(`backups taken: base ${figures['base_backup_ms']} ms, key store dump ${figures['key_store_dump_ms']} ms`);
  await sleep(5_000);

  // 4. A patient erased after the key-store dump (so the dump still holds the key).
  const registered = first.sent.find((c) => c.step.command === 'register-patient' && c.outcome === 'ok' && c.id);
  if (!registered?.id) throw new Error('no patient registered by the workload');
  const hospital = registered.step.hospitalId;
  const erased = await fetch(`${system.commandUrl}/hospitals/${hospital}/patients/erase-patient-personal-data`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${await system.tokenFor('admin', hospital)}`,
      'Content-Type': 'application/json',
      'Idempotency-Key': `drill-erase-${Date.now()}`,
    },
    body: JSON.stringify({ patientId: registered.id, legalBasis: 'patient_request' }),
  });
  expect(erased.ok, `the patient was erased (${erased.status})`);
  await sleep(5_000);

  // 5. The restore point T: what the store holds then is what the restore must bring back, exactly.
  await first.stop();
  await sleep(1_000);
  const store = await openEventStore(env['EVENT_STORE_URL']!);
  const headAtT = await store.headPosition();
  const eventsAtT = (await store.readAll()).length;
  await store.close();
  await sleep(1_000);
  const restorePoint = new Date().toISOString();
  await sleep(1_000);
  const after = startSteadyWorkload({
    baseUrl: system.commandUrl,
    tokenFor: system.tokenFor,
    runId: `drill-after-${Date.now()}`,
    hospitals: 2,
    hospitalPrefix: 'drill',
    paceMs: 150,
    requestTimeoutMs: 10_000,
    retryForMs: 60_000,
  });
  await sleep(8_000);
  await after.stop();
  const afterT = after.sent.filter((c) => c.outcome === 'ok').length;
  expect(afterT > 0, `commands written after the restore point: ${afterT}`);
  // The last segment holding writes before T must be in the archive before anything is restored.
  const [switched] = await sql<{ wal: string }>(pgUrl, 'SELECT pg_walfile_name(pg_switch_wal()) AS wal');
  const archived = async () =>
    ((await sql<{ last: string | null }>(pgUrl, 'SELECT last_archived_wal AS last FROM pg_stat_archiver'))[0]?.last ??
      '') >= switched!.wal;
  for (let i = 0; i < 120 && !(await archived()); i++) await sleep(500);
  expect(await archived(), `the WAL up to the restore point is archived (${switched!.wal})`);
  const [archiver] = await sql<{ failed_count: string }>(pgUrl, 'SELECT failed_count FROM pg_stat_archiver');
  expect(Number(archiver?.failed_count) === 0, `WAL archiving never failed (${archiver?.failed_count})`);
  await system.stop();
  system = undefined;

  // 6. Point-in-time recovery into a new PostgreSQL: the base backup, the archive, recovery_target_time.
  restoredData = join(drill, 'restored');
  const restoredPort = 44_000 + 5432;
  await asPg('/bin/cp', ['-a', base, restoredData]);
  await asPg('/bin/sh', [
    '-c',
    `touch ${restoredData}/recovery.signal && cat >> ${restoredData}/postgresql.auto.conf <<'EOF'
restore_command = 'cp ${archive}/%f %p'
recovery_target_time = '${restorePoint.replace('T', ' ').replace('Z', '+00')}'
recovery_target_action = 'promote'
archive_mode = 'off'
EOF`,
  ]);
  const restoredLog = join(drill, 'restored.log');
  const recoveryStarted = Date.now();
  await timed(() =>
    asPg('pg_ctl', [
      '-D',
      restoredData!,
      '-o',
      `-p ${restoredPort} -k ${drill} -c listen_addresses=127.0.0.1`,
      '-l',
      restoredLog,
      '-w',
      '-t',
      '180',
      'start',
    ]).catch((error: unknown) => {
      throw new Error(`the restored PostgreSQL did not start: ${readFileSync(restoredLog, 'utf8').slice(-2000)}`, {
        cause: error,
      });
    }),
  );
  const restoredUrl = `postgres://postgres@127.0.0.1:${restoredPort}/${new URL(pgUrl).pathname.slice(1)}`;
  const restoredKeysUrl = `postgres://postgres@127.0.0.1:${restoredPort}/chartline_keys`;
  // pg_ctl -w returns once connections are accepted, which is during recovery: wait for the promotion.
  for (let i = 0; i < 240; i++) {
    const [row] = await sql<{ recovering: boolean }>(restoredUrl, 'SELECT pg_is_in_recovery() AS recovering');
    if (row && !row.recovering) break;
    await sleep(500);
  }
  figures['point_in_time_recovery_ms'] = Date.now() - recoveryStarted;
  log(`restored to ${restorePoint} in ${figures['point_in_time_recovery_ms']} ms`);

  // 7. The key store from its own (older) dump, as the doc says it is backed up separately.
  await sql(restoredUrl, 'DROP DATABASE chartline_keys WITH (FORCE)');
  await sql(restoredUrl, 'CREATE DATABASE chartline_keys');
  [, figures['key_store_restore_ms']] = await timed(() =>
    asPg('pg_restore', [
      '-h',
      '127.0.0.1',
      '-p',
      String(restoredPort),
      '-U',
      'postgres',
      '-d',
      'chartline_keys',
      keysDump,
    ]),
  );
  const master = MasterKey.parse(env['PERSONAL_DATA_MASTER_KEY']!);
  const subject = { kind: 'patient' as const, id: registered.id };
  const keysBefore = await openKeyStore(restoredKeysUrl, master);
  const resurrected = (await keysBefore.existingKey(hospital, subject)) !== null;
  await keysBefore.close();
  expect(resurrected, 'the older key-store dump brought the erased patient’s key back (what the replay must undo)');
  const restoredEnv = {
    EVENT_STORE_URL: restoredUrl,
    KEY_STORE_URL: restoredKeysUrl,
    PERSONAL_DATA_MASTER_KEY: env['PERSONAL_DATA_MASTER_KEY']!,
    MONGODB_URL: new URL('restored', servers.env['MONGODB_URL']!).toString(),
    REDIS_URL: servers.env['REDIS_URL']!,
  };
  [, figures['replay_erasures_ms']] = await timed(() => oneShot('scripts/replay-erasures.ts', [], restoredEnv));
  const keysAfter = await openKeyStore(restoredKeysUrl, master);
  expect((await keysAfter.existingKey(hospital, subject)) === null, 'the erased patient stays erased after the replay');
  await keysAfter.close();

  // 8. What the restored store holds: exactly what it held at T.
  const restored = await openEventStore(restoredUrl);
  const events = await restored.readAll();
  const head = await restored.headPosition();
  expect(
    events.length === eventsAtT && head === headAtT,
    `restored ${events.length} events up to ${head}; at T ${eventsAtT} up to ${headAtT}`,
  );
  const streams = new Map<string, typeof events>();
  for (const e of events) streams.set(e.streamId, [...(streams.get(e.streamId) ?? []), e]);
  const broken = [...streams.values()].filter((s) => !verifyChain(s.map(envelopeFromRecorded)).ok);
  expect(broken.length === 0, `every chain verifies (${streams.size} streams, ${broken.length} broken)`);
  // 9. The relay checkpoint travelled with the store: never beyond the restored head.
  const [checkpoint] = await sql<{ position: string }>(restoredUrl, 'SELECT position FROM relay_checkpoints');
  expect(Number(checkpoint?.position ?? 0) <= head, `relay checkpoint ${checkpoint?.position} ≤ restored head ${head}`);
  await restored.close();

  // 10. The views rebuilt from the restored store (npm run rebuild, per module).
  const modules = (await import('@chartline/events')).projectedModuleNames;
  [, figures['rebuild_views_ms']] = await timed(async () => {
    for (const module of modules) await oneShot('scripts/rebuild.ts', ['--module', module], restoredEnv);
  });
  const views = await checkViews(restoredEnv, 0);
  expect(
    views.differences === 0,
    `the rebuilt views equal a rebuild of the restored store (${views.differences} differ)`,
  );
  for (const example of views.examples) log(`     ${example}`);
  const readStore = await openMongoReadStore(restoredEnv.MONGODB_URL);
  const summary = await readStore.collection('patient_summary').findOne({ _id: `${hospital}:${registered.id}` });
  await readStore.close();
  expect(
    summary !== null && JSON.stringify(summary).includes('[erased]'),
    'the erased patient’s summary shows [erased]',
  );

  const results = {
    at: new Date().toISOString(),
    durationS: Math.round((Date.now() - started) / 1000),
    restorePoint,
    eventsAtRestorePoint: eventsAtT,
    headAtRestorePoint: headAtT,
    commandsAfterRestorePoint: afterT,
    streamsVerified: streams.size,
    viewDocuments: views.documents,
    viewDifferences: views.examples,
    figures,
    problems,
  };
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
  log(`results in ${out}`);
  exitCode = problems.length === 0 ? 0 : 1;
} catch (error) {
  log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
} finally {
  await system?.stop();
  if (restoredData) await asPg('pg_ctl', ['-D', restoredData, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
  await servers.destroy();
}
log(exitCode === 0 ? 'PASSED' : `FAILED: ${problems.join('; ') || 'see above'}`);
process.exit(exitCode);
