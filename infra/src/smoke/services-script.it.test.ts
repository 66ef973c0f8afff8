import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function run(script: string, args: string[], env: Record<string, string>): Promise<Run> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(repoRoot, script), ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
  });
}

// The script's own failure paths, in a scratch services folder so the shared servers (which
// other suites use) are never touched.
describe('scripts/services.sh and scripts/with-services.sh', () => {
  let scratch: string;
  let blocker: Server;
  let takenPort: number;

  before(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'chartline-services-'));
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const address = blocker.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP port for the blocker');
    takenPort = address.port;
  });

  after(async () => {
    await new Promise((resolve) => blocker.close(resolve));
    await rm(scratch, { recursive: true, force: true });
  });

  it('fails fast, naming the port and the server, when a port is held by a process it did not start', async () => {
    const result = await run('scripts/services.sh', ['up'], {
      CHARTLINE_SERVICES_DIR: join(scratch, 'taken'),
      CHARTLINE_CACHE: join(scratch, 'cache'),
      CHARTLINE_PG_PORT: String(takenPort),
    });
    expect(result.code).to.equal(1);
    expect(result.stderr).to.contain(`port ${takenPort} needed by postgres is already taken`);
    expect(result.stderr).to.contain('CHARTLINE_PG_PORT');
    expect(result.ms).to.be.below(10_000);
    expect(result.stdout).to.equal('');
  });

  it('prints eval-able addresses that follow the port overrides', async () => {
    const result = await run('scripts/services.sh', ['env'], {
      CHARTLINE_SERVICES_DIR: join(scratch, 'env'),
      CHARTLINE_KAFKA_PORT: '1',
      CHARTLINE_MONGO_PORT: '2',
      CHARTLINE_REDIS_PORT: '3',
      CHARTLINE_PG_PORT: '4',
    });
    expect(result.code).to.equal(0);
    expect(result.stdout.trim().split('\n')).to.deep.equal([
      'export KAFKA_BROKERS=127.0.0.1:1',
      'export MONGODB_URL=mongodb://127.0.0.1:2/',
      'export REDIS_URL=redis://127.0.0.1:3',
      'export POSTGRES_URL=postgres://postgres@127.0.0.1:4/chartline_test',
      'export EVENT_STORE_URL=postgres://postgres@127.0.0.1:4/chartline_test',
      'export KEY_STORE_URL=postgres://postgres@127.0.0.1:4/chartline_test',
      // Which MongoDB-wire server and FerretDB backend the figures and results name (no mongod here).
      'export CHARTLINE_MONGODB_SERVER=ferretdb-sqlite',
    ]);
  });

  it('reports down, and exits non-zero, for servers it has no live pid file for', async () => {
    const result = await run('scripts/services.sh', ['status'], { CHARTLINE_SERVICES_DIR: join(scratch, 'status') });
    expect(result.code).to.equal(1);
    for (const name of ['postgres', 'redis', 'mongo', 'kafka']) {
      expect(result.stdout).to.match(new RegExp(`^${name}\\s+down`, 'm'));
    }
  });

  it('rejects an unknown command with its usage', async () => {
    const result = await run('scripts/services.sh', ['restart'], {});
    expect(result.code).to.equal(2);
    expect(result.stderr).to.contain('usage:');
  });

  it('runs the command as is, starting nothing, when all four addresses are already set', async () => {
    const dir = join(scratch, 'preset');
    const result = await run(
      'scripts/with-services.sh',
      ['node', '-e', 'console.log([process.env.REDIS_URL, process.env.KAFKA_BROKERS].join(" "))'],
      {
        CHARTLINE_SERVICES_DIR: dir,
        KAFKA_BROKERS: 'kafka.example:9092',
        MONGODB_URL: 'mongodb://mongo.example/',
        REDIS_URL: 'redis://redis.example',
        POSTGRES_URL: 'postgres://pg.example/db',
      },
    );
    expect(result.code).to.equal(0);
    expect(result.stdout.trim()).to.equal('redis://redis.example kafka.example:9092');
    const created = await readdir(dir).catch(() => []);
    expect(created).to.deep.equal([]);
  });
});
