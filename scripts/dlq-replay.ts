/**
 * npm run dlq:replay -- --module admissions [--idle-ms 2000] [--topic-prefix <p>]
 *
 * Once the cause of the parking is fixed, sends a module's parked messages from
 * `chartline.<module>.dlq` back to `chartline.<module>.events.v1` (original key, value and
 * headers, minus `dlq-*`), then exits 0 once the DLQ has stayed drained for `--idle-ms`. Its own
 * consumer group (`chartline.dlq-replay.<module>`) remembers what it sent, so a second run sends
 * only what was parked since. `--topic-prefix` prefixes all three names (an isolated deployment
 * or test run sharing a Kafka). Reads KAFKA_BROKERS.
 */
import { dlqTopicFor, projectedModuleNames, topicFor } from '@chartline/events';
import { envVars, KafkaBus, readEnv } from '@chartline/infra';
import { replayDeadLetters } from '@chartline/projections';
import { z } from 'zod';
import { commandLine, moduleArgument, positiveIntegerArgument } from './ops/arguments.js';
import { runOneShot } from './ops/one-shot.js';

const USAGE = `npm run dlq:replay -- --module <${projectedModuleNames.join('|')}> [--idle-ms 2000] [--topic-prefix <p>]`;

await runOneShot('dlq:replay', USAGE, async () => {
  const env = readEnv(z.object({ KAFKA_BROKERS: envVars.kafkaBrokers }));
  const args = commandLine({
    module: { type: 'string' },
    'idle-ms': { type: 'string' },
    'topic-prefix': { type: 'string' },
  });
  const module = moduleArgument(args.module);
  const idleMs = positiveIntegerArgument('idle-ms', args['idle-ms'], 2_000);
  const prefix = args['topic-prefix'] ?? '';
  const names = {
    topic: `${prefix}${topicFor(module)}`,
    dlqTopic: `${prefix}${dlqTopicFor(module)}`,
    groupId: `${prefix}chartline.dlq-replay.${module}`,
  };

  const bus = new KafkaBus({ brokers: env.KAFKA_BROKERS, clientId: 'chartline-dlq-replay' });
  try {
    const progress = process.stderr.isTTY
      ? (n: number) => process.stderr.write(`\r${n} re-published`)
      : (n: number) => process.stderr.write(`${n} re-published\n`);
    const { republished } = await replayDeadLetters(bus, module, { ...names, idleMs, onMessage: progress });
    if (process.stderr.isTTY && republished > 0) process.stderr.write('\n');
    process.stderr.write(
      `${republished} parked messages re-published from ${names.dlqTopic} to ${names.topic}; the DLQ is drained\n`,
    );
  } finally {
    await bus.close();
  }
});
