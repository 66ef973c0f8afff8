/**
 * npm run dlq:replay -- --module admissions
 *
 * Once the cause of the parking is fixed, sends a module's parked messages from
 * `chartline.<module>.dlq` back to its topic (original key, value and headers, minus `dlq-*`).
 * Reads KAFKA_BROKERS.
 */
import { parseArgs } from 'node:util';
import { envVars, KafkaBus, readEnv } from '@chartline/infra';
import { replayDeadLetters } from '@chartline/projections';
import { z } from 'zod';

const env = readEnv(z.object({ KAFKA_BROKERS: envVars.kafkaBrokers }));
const { values } = parseArgs({ options: { module: { type: 'string' }, 'idle-ms': { type: 'string' } } });
if (!values.module) {
  process.stderr.write('usage: npm run dlq:replay -- --module <module> [--idle-ms 2000]\n');
  process.exit(2);
}

const bus = new KafkaBus({ brokers: env.KAFKA_BROKERS, clientId: 'chartline-dlq-replay' });
try {
  const { republished } = await replayDeadLetters(bus, values.module, {
    idleMs: Number(values['idle-ms'] ?? 2_000),
    onMessage: (n) => process.stderr.write(`\r${n} re-published`),
  });
  process.stderr.write(`\n${republished} parked messages of ${values.module} re-published to its topic\n`);
} finally {
  await bus.close();
}
