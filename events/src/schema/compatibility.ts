import type { AnyEventDefinition } from '../catalogue.js';
import { avroTypeOf } from './avro-type.js';
import type { AvroRecordSchema } from './avro-types.js';
import { kafkaValueSchema } from './kafka-schema.js';

/**
 * Why `reader` cannot read data written with `writer` (Avro schema resolution, as avsc does it),
 * or null when it can. Namespaces are ignored as the specification allows (records match by
 * unqualified name), so a version may move its data record to a `…v2` namespace.
 */
export function whyUnreadable(reader: AvroRecordSchema, writer: AvroRecordSchema): string | null {
  try {
    avroTypeOf(reader).createResolver(avroTypeOf(writer), { ignoreNamespaces: true });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Every older Kafka value schema of the event that its current one cannot read, with the reason. */
export function evolutionProblems(definition: AnyEventDefinition): string[] {
  const current = kafkaValueSchema(definition, definition.currentVersion);
  const problems: string[] = [];
  for (let version = 1; version < definition.currentVersion; version++) {
    const why = whyUnreadable(current, kafkaValueSchema(definition, version));
    if (why !== null)
      problems.push(`${definition.type}: v${definition.currentVersion} cannot read v${version}: ${why}`);
  }
  return problems;
}
