import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A child entry script running under tsx, with the JSON lines it printed and its stderr. */
export interface Child {
  readonly process: ChildProcess;
  readonly lines: Record<string, unknown>[];
  stderr(): string;
  /** Resolves once a printed line satisfies `match`; rejects if the child exits first or time runs out. */
  waitForLine(match: (line: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<void>;
  /** Sends the signal and resolves with the exit once the process is gone. */
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export function spawnChild(
  file: 'child-relay.ts' | 'child-projector.ts' | 'child-process-manager.ts',
  env: Record<string, string>,
): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', here(file)], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  let pending = '';
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      resolve({ code, signal });
      for (const wake of [...waiters]) wake();
    }),
  );
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const parts = pending.split('\n');
    pending = parts.pop() ?? '';
    for (const part of parts) {
      if (!part.trim()) continue;
      try {
        lines.push(JSON.parse(part) as Record<string, unknown>);
      } catch {
        lines.push({ text: part });
      }
    }
    for (const wake of [...waiters]) wake();
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });

  return {
    process: child,
    lines,
    stderr: () => stderr,
    waitForLine(match, timeoutMs = 30_000) {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => finish(new Error(`${file}: no matching line in ${timeoutMs} ms. ${stderr}`)),
          timeoutMs,
        );
        const check = () => {
          if (lines.some(match)) finish();
          else if (child.exitCode !== null || child.signalCode !== null)
            finish(new Error(`${file} exited (${child.exitCode ?? child.signalCode}): ${stderr}`));
        };
        function finish(error?: Error) {
          clearTimeout(timer);
          waiters.delete(check);
          if (error) reject(error);
          else resolve();
        }
        waiters.add(check);
        check();
      });
    },
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
