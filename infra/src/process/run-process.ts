import { ConfigError } from '../config/env.js';

/** What a started process hands back: how to stop it gracefully. */
export interface RunningProcess {
  stop(): Promise<void>;
}

export interface RunProcessOptions {
  /** How long a graceful stop may take before the process exits 1 anyway. Default 25 s (under Kubernetes' 30 s). */
  readonly stopTimeoutMs?: number;
  /** Where lifecycle lines go. Default stderr. */
  readonly log?: (line: string) => void;
}

/**
 * The lifecycle every entrypoint shares. A configuration error stops the process at start with
 * exit 1 and a message naming the variable (never its value); any other failure to start exits 1
 * too. SIGTERM/SIGINT stop gracefully (stop accepting, finish in-flight, close adapters) and exit
 * 0; a second signal or a stop that hangs exits 1.
 */
export async function runProcess(
  name: string,
  start: () => Promise<RunningProcess>,
  options: RunProcessOptions = {},
): Promise<void> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  let running: RunningProcess;
  try {
    running = await start();
  } catch (error) {
    if (error instanceof ConfigError) {
      log(`${name}: cannot start: invalid configuration`);
      for (const p of error.problems) {
        log(`  ${p.variable}: ${/received undefined/.test(p.message) ? 'missing' : p.message}`);
      }
    } else {
      log(`${name}: cannot start: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    }
    process.exit(1);
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      log(`${name}: ${signal} again, exiting now`);
      process.exit(1);
    }
    stopping = true;
    log(`${name}: ${signal} received, stopping`);
    const timer = setTimeout(() => {
      log(`${name}: stop took longer than ${options.stopTimeoutMs ?? 25_000} ms, exiting`);
      process.exit(1);
    }, options.stopTimeoutMs ?? 25_000);
    timer.unref();
    try {
      await running.stop();
      log(`${name}: stopped`);
      process.exit(0);
    } catch (error) {
      log(`${name}: stop failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
