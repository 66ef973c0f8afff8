/**
 * The README's table of environment variables, generated from the process schemas so it cannot
 * drift: `npx tsx scripts/docs/env-table.ts` prints it; a unit test checks the README holds it.
 */
import { processEnvs } from '@chartline/infra';
import type { z } from 'zod';

interface Row {
  readonly variable: string;
  readonly processes: string[];
  readonly required: boolean;
  readonly meaning: string;
  /** Per process, its default, when it has one. */
  readonly defaults: Record<string, unknown>;
}

export function envRows(): Row[] {
  const rows = new Map<string, Row>();
  for (const [process, schema] of Object.entries(processEnvs)) {
    for (const [variable, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
      const row = rows.get(variable) ?? {
        variable,
        processes: [],
        required: !field.safeParse(undefined).success,
        meaning: field.description ?? '',
        defaults: {},
      };
      row.processes.push(process);
      const fallback = field.safeParse(undefined);
      if (fallback.success && fallback.data !== undefined) row.defaults[process] = fallback.data;
      rows.set(variable, row);
    }
  }
  return [...rows.values()].sort((a, b) => a.variable.localeCompare(b.variable));
}

/** A default that differs by process (each process's own `PORT`) is listed per process. */
function perProcess(row: Row): string {
  const values = Object.entries(row.defaults);
  if (new Set(values.map(([, v]) => String(v))).size < 2) return '';
  return `; default ${values.map(([process, v]) => `${process} ${String(v)}`).join(', ')}`;
}

export function envTable(): string {
  const lines = ['| variable | read by | required | meaning |', '|---|---|---|---|'];
  for (const row of envRows()) {
    lines.push(
      `| \`${row.variable}\` | ${row.processes.join(', ')} | ${row.required ? 'yes' : 'no'} | ${row.meaning}${perProcess(row)} |`,
    );
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(envTable());
