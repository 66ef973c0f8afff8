import { createConsoleApp, defaultAssetsDir } from '@chartline/console/server';
import { serveHttp } from '@chartline/infra';
import express from 'express';

export interface EmbeddedConsoleOptions {
  readonly commandUrl: string;
  readonly readUrl: string;
  readonly port: number;
  readonly host: string;
  readonly hospitals: readonly string[];
  /** Role → demo token: exposed to the console's role picker, which only the embedded start has. */
  readonly tokens: Readonly<Record<string, string>>;
  readonly log: (line: string) => void;
  /** Settles when the assets are built (started early by the caller: `ensureConsoleBuilt`). */
  readonly assetsReady: Promise<unknown>;
  readonly assetsDir?: string;
}

export interface EmbeddedConsole {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * The console beside the two APIs, serving the same built assets production serves. If they are
 * missing (a fresh clone) they are built now, in the background: the port answers at once with a
 * page saying so, and the console itself from the moment the build ends (a few seconds), so the
 * APIs are not held back and "Ready" keeps its meaning.
 */
export async function startEmbeddedConsole(options: EmbeddedConsoleOptions): Promise<EmbeddedConsole> {
  const assetsDir = options.assetsDir ?? defaultAssetsDir;
  let served: express.Express | undefined;
  let failed: string | undefined;
  options.assetsReady
    .then(() => {
      served = createConsoleApp({
        assetsDir,
        commandApiUrl: options.commandUrl,
        readApiUrl: options.readUrl,
        config: { mode: 'dev', hospitals: options.hospitals, tokens: options.tokens },
      });
    })
    .catch((error: unknown) => {
      if (error instanceof Error && error.name === 'AbortError') return; // stopping
      failed = error instanceof Error ? error.message : String(error);
      options.log(`  the console could not be built: ${failed} (the APIs are unaffected; try \`npm run build\`)`);
    });
  const app = express();
  app.use((req, res, next) => {
    if (served) return served(req, res, next);
    res.status(503).setHeader('Retry-After', '2').type('html');
    res.send(
      failed
        ? '<!doctype html><title>Chartline console</title><p>The console could not be built; run <code>npm run build</code> and restart.'
        : '<!doctype html><meta http-equiv="refresh" content="2"><title>Chartline console</title><p>The console is being built (first start); this page reloads by itself.',
    );
  });
  const http = await serveHttp(app, options.port, options.host);
  return {
    url: `http://${options.host}:${http.port}`,
    async stop() {
      await http.close(2_000);
    },
  };
}
