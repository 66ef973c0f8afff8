/**
 * Typed errors of the event catalogue and its codecs. A consumer tells a poison message (send it
 * to the DLQ) from a bug by the class, never by parsing a message. Messages name types, versions,
 * fields and fingerprints, never values: event data may hold personal data.
 */
export class EventCatalogueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The envelope's `type` is not in the catalogue (a module this consumer does not know yet). */
export class UnknownEventType extends EventCatalogueError {
  constructor(readonly eventType: string) {
    super(`unknown event type ${JSON.stringify(eventType)}`);
  }
}

/** The event exists but has no such schema version (written by a newer producer). */
export class UnknownSchemaVersion extends EventCatalogueError {
  constructor(
    readonly eventType: string,
    readonly schemaVersion: unknown,
  ) {
    super(`${eventType} has no schema version ${JSON.stringify(schemaVersion)}`);
  }
}

/** Event data does not match its schema; `paths` name every offending field (`a.b.0.c`). */
export class EventDataMismatch extends EventCatalogueError {
  constructor(
    readonly eventType: string,
    readonly schemaVersion: number,
    readonly paths: readonly string[],
    readonly problem = 'does not match the schema',
  ) {
    super(`${eventType} v${schemaVersion}: ${paths.map((p) => p || '(data)').join(', ')} ${problem}`);
  }
}

/** A stream id, aggregate or hospital id that does not follow `<aggregate>-<hospitalId>.<id>`. */
export class InvalidStreamId extends EventCatalogueError {}

/** A stored event whose metadata is missing a field or holds the wrong kind of value. */
export class MalformedStoredEvent extends EventCatalogueError {
  constructor(
    readonly eventId: string,
    readonly field: string,
  ) {
    super(`stored event ${eventId}: metadata field ${field} is missing or malformed`);
  }
}

/** Kafka bytes that do not start with the single-object marker C3 01. */
export class NotSingleObjectEncoded extends EventCatalogueError {}

/** Kafka bytes shorter than their header or body says. */
export class TruncatedMessage extends EventCatalogueError {}

/** Kafka bytes whose body does not decode exactly (bad Avro, or bytes left over). */
export class MalformedAvro extends EventCatalogueError {}

/** The writer schema's fingerprint is not in this consumer's registry. */
export class UnknownSchemaFingerprint extends EventCatalogueError {
  constructor(readonly fingerprint: string) {
    super(`unknown writer schema fingerprint ${fingerprint}`);
  }
}

/** Envelope fields (not data) that are missing or malformed, named in `fields`. */
export class InvalidEnvelope extends EventCatalogueError {
  constructor(
    readonly eventType: string,
    readonly fields: readonly string[],
  ) {
    super(`${JSON.stringify(eventType)} envelope: ${fields.join(', ')} missing or malformed`);
  }
}
