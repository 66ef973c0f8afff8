import { type ParseArgsConfig, parseArgs } from 'node:util';
import { isProjectedModuleName, projectedModuleNames } from '@chartline/events';
import { UsageError } from './one-shot.js';

/** The `--module` an operator named, checked against the modules that have read models. */
export function moduleArgument(value: string | boolean | undefined): string {
  const known = projectedModuleNames;
  if (typeof value !== 'string' || value === '')
    throw new UsageError(`--module is required: one of ${known.join(', ')}`);
  if (!isProjectedModuleName(value))
    throw new UsageError(`unknown module ${JSON.stringify(value)}: one of ${known.join(', ')}`);
  return value;
}

/** A positive whole number given on the command line, or the fallback when absent. */
export function positiveIntegerArgument(name: string, value: string | boolean | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n < 1)
    throw new UsageError(`--${name} must be a positive whole number`);
  return n;
}

type Options = NonNullable<ParseArgsConfig['options']>;

type Config<T extends Options> = { options: T; strict: true; allowPositionals: false };
export type CommandLine<T extends Options> = ReturnType<typeof parseArgs<Config<T>>>['values'];

/** `parseArgs` whose complaints (an unknown flag, a flag without its value) become usage errors. */
export function commandLine<const T extends Options>(options: T): CommandLine<T> {
  try {
    return parseArgs({ options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
