import { DependencyUnavailable } from '../http/dependency.js';

/** The brokers could not be reached or refused the request; the caller may retry later. */
export class BusUnavailable extends DependencyUnavailable {
  override readonly name = 'BusUnavailable';
  constructor(options?: { cause?: unknown }) {
    super('event bus', options);
  }
}

/** A message was published to, or a group subscribed to, a topic that `ensureTopics` never created. */
export class UnknownTopic extends Error {
  override readonly name = 'UnknownTopic';
  constructor(readonly topic: string) {
    super(`topic ${topic} does not exist; create it with ensureTopics first`);
  }
}
