/**
 * The command API on the embedded adapters (SQLite event and key stores under DATA_DIR, in-memory
 * idempotency), as `npm start` composes it, but alone in its process and trusting the bench's
 * JWT_PUBLIC_KEY: so its CPU per command can be measured apart from the relay and projectors that
 * share the embedded start's process (scripts/bench/command-cpu.ts).
 */
import { join } from 'node:path';
import {
  createMemoryIdempotencyStore,
  ensurePrivateFolder,
  MasterKey,
  openSqliteKeyStore,
  runProcess,
  SqliteEventStore,
  serveHttp,
} from '@chartline/infra';
import { commandModules } from '../../../commands/src/main/modules.js';
import { createCommandApp } from '../../../commands/src/server/app.js';
import { hospitalDirectory } from '../../../commands/src/server/hospital-directory.js';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

await runProcess('command-api-embedded', async () => {
  const dataDir = env('DATA_DIR');
  ensurePrivateFolder(dataDir);
  const store = new SqliteEventStore({ path: join(dataDir, 'events.db') });
  const keys = openSqliteKeyStore(join(dataDir, 'keys.db'), MasterKey.parse(env('PERSONAL_DATA_MASTER_KEY')));
  const app = createCommandApp({
    eventStore: store,
    keyStore: keys,
    idempotency: createMemoryIdempotencyStore(),
    auth: { issuer: env('JWT_ISSUER'), audience: env('JWT_AUDIENCE'), publicKey: env('JWT_PUBLIC_KEY') },
    modules: commandModules,
    hospitals: hospitalDirectory(store),
    blindIndexSecret: Buffer.from(env('BLIND_INDEX_KEY'), 'base64'),
    kafkaPartitions: 4,
  });
  const http = await serveHttp(app, Number(env('PORT')), '127.0.0.1');
  return {
    async stop() {
      await http.close();
      await Promise.allSettled([keys.close(), store.close()]);
    },
  };
});
