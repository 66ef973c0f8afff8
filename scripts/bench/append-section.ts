import { benchAppend } from './append.js';
import type { Figures } from './results.js';

const SHAPES: Record<string, string> = {
  '1x1': 'single_c1',
  '1x16': 'single_c16',
  '100x1': 'batch100_c1',
  '100x16': 'batch100_c16',
};
const ADAPTERS: Record<string, string> = { memory: 'memory', 'sqlite (WAL file)': 'sqlite', postgres: 'postgres' };

/** append.<adapter>.<shape> from the append bench (scripts/bench/append.ts), events/s. */
export async function benchAppendFigures(
  figures: Figures,
  options: { secondsPerCell: number; postgresUrl?: string | undefined; log: (line: string) => void },
): Promise<void> {
  const rows = await benchAppend({
    secondsPerCell: options.secondsPerCell,
    ...(options.postgresUrl ? { postgresUrl: options.postgresUrl } : {}),
  });
  for (const row of rows) {
    const adapter = ADAPTERS[row.adapter] ?? row.adapter.replace(/\W+/g, '_');
    const shape = SHAPES[`${row.batchSize}x${row.writers}`] ?? `batch${row.batchSize}_c${row.writers}`;
    figures.set(`append.${adapter}.${shape}`, row.eventsPerSecond);
  }
  if (!options.postgresUrl) {
    figures.unavailable(
      ['append.postgres.single_c1', 'append.postgres.single_c16', 'append.postgres.batch100_c16'],
      'POSTGRES_URL not set',
    );
  }
}
