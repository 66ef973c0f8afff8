import { expect } from 'chai';
import { createMetricsRegistry } from './metrics.js';
import { processManagerMetrics } from './process-manager-metrics.js';

describe('process-manager metrics', () => {
  it('counts events acted on, commands by outcome, parked events and lag under the process manager’s name', async () => {
    const registry = createMetricsRegistry({ defaultMetrics: false });
    const pm = 'admissions.discharge-on-death';
    const metrics = processManagerMetrics(registry, { processManager: pm, group: `chartline.process-manager.${pm}` });
    metrics.watch({ lag: async () => [{ topic: 'chartline.patients.events.v1', partition: 2, lag: 7 }] });
    metrics.onEvent([{ command: 'admissions/discharge-patient', outcome: 'sent' }]);
    metrics.onEvent([{ command: 'admissions/discharge-patient', outcome: 'duplicate' }]);
    metrics.onEvent([]);
    metrics.onParked();
    metrics.onBatch(3, 40);
    const text = await registry.metrics();
    expect(text).to.include(`chartline_process_manager_events_total{process_manager="${pm}"} 3`);
    expect(text).to.include(
      `chartline_process_manager_commands_total{process_manager="${pm}",command="admissions/discharge-patient",outcome="sent"} 1`,
    );
    expect(text).to.include(
      `chartline_process_manager_commands_total{process_manager="${pm}",command="admissions/discharge-patient",outcome="duplicate"} 1`,
    );
    expect(text).to.include(`chartline_dlq_messages_total{module="${pm}"} 1`);
    expect(text).to.include(
      `chartline_consumer_lag{group="chartline.process-manager.${pm}",topic="chartline.patients.events.v1",partition="2"} 7`,
    );
    expect(text).to.include(`chartline_process_manager_batch_duration_seconds_count{process_manager="${pm}"} 1`);
  });
});
