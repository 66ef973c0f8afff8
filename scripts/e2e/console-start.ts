import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cleanEnv, type Spawned, spawnTs } from './spawned.js';

/** One embedded `npm start` with the console, for a browser test file (one per file, shared by its specs). */
export interface ConsoleStart {
  readonly consoleUrl: string;
  readonly commandUrl: string;
  readonly readUrl: string;
  /** The dev mode's demo tokens (role → token), as the console's role picker gets them. */
  readonly tokens: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

export async function startConsole(): Promise<ConsoleStart> {
  const dataDir = mkdtempSync(join(tmpdir(), 'chartline-console-'));
  const chartline: Spawned = spawnTs(
    'scripts/start.ts',
    ['--data-dir', dataDir, '--command-port', '0', '--read-port', '0', '--console-port', '0'],
    cleanEnv(),
  );
  const stop = async () => {
    await chartline.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await chartline.waitFor(/Ready in/, 90_000);
    const url = (pattern: RegExp) => pattern.exec(chartline.output())![1]!;
    const consoleUrl = url(/console +(http:\/\/127\.0\.0\.1:\d+)/);
    // A fresh clone builds the assets in the background: wait for the console itself.
    for (let i = 0; i < 120; i++) {
      if ((await fetch(`${consoleUrl}/`)).status === 200) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const config = (await (await fetch(`${consoleUrl}/console-config.json`)).json()) as {
      tokens: Record<string, string>;
    };
    return {
      consoleUrl,
      commandUrl: url(/command API +(http:\/\/127\.0\.0\.1:\d+)/),
      readUrl: url(/read API +(http:\/\/127\.0\.0\.1:\d+)/),
      tokens: config.tokens,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
