import { catalogue as defaultCatalogue, type EventCatalogue } from '../catalogue.js';
import { kafkaValueSchema } from './kafka-schema.js';

export interface ExportedSchema {
  /** `<module>.<Event>.v<N>.avsc`. */
  readonly fileName: string;
  /** The standalone Kafka value schema (envelope + data), pretty JSON, docs and personal flags kept. */
  readonly contents: string;
}

/** One `.avsc` per event version, as analytics teams load them. */
export function exportedSchemas(catalogue: EventCatalogue = defaultCatalogue): ExportedSchema[] {
  return catalogue.all.flatMap((definition) =>
    definition.versions.map((_, i) => ({
      fileName: `${definition.type}.v${i + 1}.avsc`,
      contents: `${JSON.stringify(kafkaValueSchema(definition, i + 1), null, 2)}\n`,
    })),
  );
}
