import type { ReadStore } from '@chartline/infra';
import type { MetricsRegistry } from '@chartline/infra/telemetry';
import { LAB_ORDER_TESTS } from '@chartline/kernel';
import { hospitalGauges } from '../server/hospital-gauges.js';

/**
 * Open critical results as Prometheus sees them, read from the read models at each scrape (so every
 * read-API replica answers the same, and a restart loses nothing): per hospital, how many are open
 * and how old the oldest is. A hospital with none open has no series. The alert
 * `ChartlineLabCriticalResultUnacknowledged` fires on the age.
 */
export function laboratoryGauges(registry: MetricsRegistry, store: ReadStore, clock: () => Date): void {
  const open = async () => {
    const items = await store.collection(LAB_ORDER_TESTS).find({ criticalOpen: true }, { limit: 10_000 });
    const byHospital = new Map<string, { count: number; oldest: number }>();
    const now = clock().getTime();
    for (const item of items) {
      const raisedAt = Date.parse(String((item.critical as { raisedAt?: string } | null)?.raisedAt));
      if (!Number.isFinite(raisedAt)) continue;
      const hospital = String(item.hospitalId);
      const entry = byHospital.get(hospital) ?? { count: 0, oldest: 0 };
      entry.count += 1;
      entry.oldest = Math.max(entry.oldest, (now - raisedAt) / 1000);
      byHospital.set(hospital, entry);
    }
    return byHospital;
  };
  hospitalGauges(registry, open, [
    {
      name: 'chartline_lab_open_critical_results',
      help: 'Critical lab results not yet acknowledged, per hospital',
      value: (e) => e.count,
    },
    {
      name: 'chartline_lab_oldest_open_critical_age_seconds',
      help: 'Age of the oldest unacknowledged critical lab result, per hospital (seconds since it was raised)',
      value: (e) => e.oldest,
    },
  ]);
}
