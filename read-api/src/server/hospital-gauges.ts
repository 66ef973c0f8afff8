import { gaugeOn, type MetricsRegistry } from '@chartline/infra/telemetry';

/** One gauge of a set: its name, its help, and the value it shows for a hospital's measurement. */
export interface HospitalGauge<T> {
  readonly name: string;
  readonly help: string;
  readonly value: (measured: T) => number;
}

/**
 * Gauges labelled by hospital whose values are read from the read models at each scrape (so every
 * read-API replica answers the same, and a restart loses nothing). One measurement serves every
 * gauge of a scrape (kept `keepMs`, a second); a hospital the measurement leaves out has no series; while the
 * read store is away the last values stay (/readyz and its alert report the store itself).
 */
export function hospitalGauges<T>(
  registry: MetricsRegistry,
  measure: () => Promise<ReadonlyMap<string, T>>,
  gauges: readonly HospitalGauge<T>[],
  keepMs = 1000,
): void {
  let pending: Promise<ReadonlyMap<string, T>> | undefined;
  const read = () => {
    pending ??= measure().finally(() => setTimeout(() => (pending = undefined), keepMs).unref());
    return pending;
  };
  for (const gauge of gauges) {
    gaugeOn(registry, {
      name: gauge.name,
      help: gauge.help,
      labelNames: ['hospital'] as const,
      async collect() {
        try {
          const byHospital = await read();
          this.reset();
          for (const [hospital, measured] of byHospital) this.set({ hospital }, gauge.value(measured));
        } catch {
          // The read store is away: keep the last values.
        }
      },
    });
  }
}
