/**
 * npm run dlq:replay -- --module admissions [--idle-ms 2000] [--topic-prefix <p>]
 * npm run dlq:replay -- --process-manager admissions.discharge-on-death [--idle-ms 2000] [--topic-prefix <p>]
 *
 * Once the cause of the parking is fixed, sends a module's parked messages from
 * `chartline.<module>.dlq` back to `chartline.<module>.events.v1` (original key, value and
 * headers, minus `dlq-*`), then exits 0 once the DLQ has stayed drained for `--idle-ms`. Its own
 * consumer group (`chartline.dlq-replay.<module>`) remembers what it sent, so a second run sends
 * only what was parked since. `--topic-prefix` prefixes all three names (an isolated deployment
 * or test run sharing a Kafka). A process manager's DLQ (`chartline.<module>.<name>.dlq`) is fed
 * from the topics it consumes: each message goes back to the topic it was parked from. Reads
 * KAFKA_BROKERS.
 */
import { dlqTopicFor, moduleManifest, projectedModuleNames, topicFor } from '@chartline/events';
import { envVars, KafkaBus, readEnv } from '@chartline/infra';
import { replayDeadLetters } from '@chartline/projections';
import { z } from 'zod';
import { commandLine, moduleArgument, positiveIntegerArgument } from './ops/arguments.js';
import { runOneShot, UsageError } from './ops/one-shot.js';

const processManagerNames = Object.entries(moduleManifest).flatMap(([module, m]) =>
  m.processManagers.map((pm) => `${module}.${pm.name}`),
);
const USAGE = [
  `npm run dlq:replay -- --module <${projectedModuleNames.join('|')}> [--idle-ms 2000] [--topic-prefix <p>]`,
  `npm run dlq:replay -- --process-manager <${processManagerNames.join('|')}> [--idle-ms 2000] [--topic-prefix <p>]`,
].join('\n       ');

await runOneShot('dlq:replay', USAGE, async () => {
  const env = readEnv(z.object({ KAFKA_BROKERS: envVars.kafkaBrokers }));
  const args = commandLine({
    module: { type: 'string' },
    'process-manager': { type: 'string' },
    'idle-ms': { type: 'string' },
    'topic-prefix': { type: 'string' },
  });
  const idleMs = positiveIntegerArgument('idle-ms', args['idle-ms'], 2_000);
  const prefix = args['topic-prefix'] ?? '';
  const pm = args['process-manager'];
  if (pm !== undefined && args.module !== undefined)
    throw new UsageError('give --module or --process-manager, not both');
  if (pm !== undefined && !processManagerNames.includes(pm)) {
    throw new UsageError(`unknown process manager ${JSON.stringify(pm)}: one of ${processManagerNames.join(', ')}`);
  }
  const module = pm === undefined ? moduleArgument(args.module) : pm.slice(0, pm.indexOf('.'));
  const names =
    pm === undefined
      ? {
          topic: `${prefix}${topicFor(module)}`,
          dlqTopic: `${prefix}${dlqTopicFor(module)}`,
          groupId: `${prefix}chartline.dlq-replay.${module}`,
        }
      : {
          topic: 'its original topic',
          toOriginalTopic: true,
          dlqTopic: `${prefix}chartline.${pm}.dlq`,
          groupId: `${prefix}chartline.dlq-replay.${pm}`,
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
