import { ConfigError } from '@chartline/infra';

/** A command line the script cannot act on (unknown module, malformed number): exit 2 with the usage. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/**
 * The lifecycle of an operator's one-shot command (rebuild, DLQ replay), as `runProcess` is for
 * the long-running entrypoints: a missing or malformed variable stops it with exit 1 and a line
 * naming the variable (never its value), a bad command line with exit 2 and the usage, any other
 * failure with exit 1 and the error's class and message; success exits 0 even if a client library
 * left a timer behind.
 */
export async function runOneShot(name: string, usage: string, main: () => Promise<void>): Promise<never> {
  const say = (line: string) => process.stderr.write(`${line}\n`);
  try {
    await main();
  } catch (error) {
    if (error instanceof ConfigError) {
      say(`${name}: cannot start: invalid configuration`);
      for (const p of error.problems)
        say(`  ${p.variable}: ${/received undefined/.test(p.message) ? 'missing' : p.message}`);
      process.exit(1);
    }
    if (error instanceof UsageError) {
      say(`${name}: ${error.message}`);
      say(`usage: ${usage}`);
      process.exit(2);
    }
    say(`${name}: failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    process.exit(1);
  }
  process.exit(0);
}
