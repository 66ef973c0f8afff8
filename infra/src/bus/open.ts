import { InProcessBus } from './in-process/bus.js';
import { KafkaBus, type KafkaBusConfig } from './kafka/bus.js';
import type { EventBus } from './port.js';

export type EventBusConfig = Omit<KafkaBusConfig, 'brokers'> & {
  /** KAFKA_BROKERS; absent → the in-process bus of the embedded start. */
  readonly brokers?: string | undefined;
};

export function openEventBus(config: EventBusConfig = {}): EventBus {
  const { brokers, ...rest } = config;
  return brokers ? new KafkaBus({ ...rest, brokers }) : new InProcessBus();
}
