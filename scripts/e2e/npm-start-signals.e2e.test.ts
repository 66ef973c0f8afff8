import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { cleanEnv, REPO_ROOT } from './spawned.js';

/** Pids of live processes whose command line mentions `marker` (Linux /proc). */
function processesMentioning(marker: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      const state = /\) (\S)/.exec(readFileSync(`/proc/${entry}/stat`, 'utf8'))?.[1];
      if (cmdline.includes(marker) && state !== 'Z') pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

async function until(check: () => Promise<boolean> | boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

/**
 * `npm start` as a user runs it (npm → sh → node): a signal to the pid they started (the npm
 * process, what `kill <pid>` or a supervisor hits) stops the whole chain and closes the ports.
 */
describe('npm start stops on a signal to npm', function () {
  this.timeout(90_000);

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} to the npm process closes both ports and leaves no process behind`, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), `chartline-npm-${signal.toLowerCase()}-`));
      // Its own process group, so the after-test cleanup can reach whatever the signal did not.
      const npm = spawn(
        'npm',
        ['start', '--', '--data-dir', dataDir, '--command-port', '0', '--read-port', '0', '--console-port', '0'],
        {
          cwd: REPO_ROOT,
          env: cleanEnv(),
          stdio: ['ignore', 'pipe', 'pipe'],
          detached: true,
        },
      );
      let out = '';
      npm.stdout.on('data', (c: Buffer) => {
        out += c.toString();
      });
      npm.stderr.on('data', (c: Buffer) => {
        out += c.toString();
      });
      const exited = once(npm, 'exit');
      try {
        const ready = await until(() => /Ready in/.test(out) || npm.exitCode !== null, 60_000);
        expect(ready && /Ready in/.test(out), out.slice(-2000)).to.equal(true);
        const ports = [...out.matchAll(/(?:command|read) API +http:\/\/127\.0\.0\.1:(\d+)/g)].map((m) => Number(m[1]));
        expect(ports).to.have.length(2);
        for (const port of ports) expect(await portOpen(port)).to.equal(true);
        expect(processesMentioning(dataDir).length).to.be.greaterThan(0);

        process.kill(npm.pid!, signal);
        await exited;
        const closed = await until(async () => !(await portOpen(ports[0]!)) && !(await portOpen(ports[1]!)), 15_000);
        expect(closed, `ports still open after ${signal}:\n${out.slice(-2000)}`).to.equal(true);
        const left = await until(() => processesMentioning(dataDir).length === 0, 15_000);
        expect(left, `processes left: ${processesMentioning(dataDir).join(', ')}`).to.equal(true);
        expect(out).to.match(new RegExp(`chartline: ${signal} received, stopping`));
        expect(out).to.match(/chartline: stopped/);
      } finally {
        for (const pid of processesMentioning(dataDir)) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }
        rmSync(dataDir, { recursive: true, force: true });
      }
    });
  }
});
