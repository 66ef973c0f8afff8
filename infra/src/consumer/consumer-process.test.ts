import { expect } from 'chai';
import { createMetricsRegistry } from '../telemetry/metrics.js';
import { type ConsumerDependency, type ConsumerLog, type Pingable, runConsumerProcess } from './consumer-process.js';

const fast = { initialMs: 5, maxMs: 20 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const away = () => Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });

/** A dependency that is away until `up()`; what was opened and closed is recorded. */
function dependency(check: string, events: string[]) {
  let reachable = false;
  const dep: ConsumerDependency<{ name: string } & Pingable> = {
    check,
    open: async () => {
      if (!reachable) throw away();
      events.push(`open ${check}`);
      return {
        name: check,
        ping: async () => reachable,
        close: async () => void events.push(`close ${check}`),
      };
    },
  };
  return {
    dep,
    up: () => {
      reachable = true;
    },
  };
}

function logs() {
  const lines: { message: string; fields: Record<string, unknown> }[] = [];
  const fn = (fields: Record<string, unknown>, message: string) => lines.push({ message, fields });
  return { lines, log: { info: fn, warn: fn, error: fn } };
}

/** The options every case shares: probes on a free loopback port, a silent registry, no real exit. */
const base = (log: ConsumerLog, events: string[]) => ({
  kind: 'widget consumer',
  service: 'widget',
  port: 0,
  host: '127.0.0.1',
  log,
  registry: createMetricsRegistry({ defaultMetrics: false }),
  exit: (code: number) => void events.push(`exit ${code}`),
});

describe('consumer process lifecycle (projector and process manager processes)', () => {
  it('answers probes at once, stays up not ready while a store is down at start, consumes once it answers', async () => {
    const events: string[] = [];
    const store = dependency('event-store', events);
    const kafka = dependency('kafka', events);
    kafka.up();
    const { lines, log } = logs();
    const running = await runConsumerProcess({
      ...base(log, events),
      dependencies: { store: store.dep, bus: kafka.dep },
      openBackoff: fast,
      fields: { module: 'widgets' },
      start: async (opened) => {
        events.push(`start with ${opened.store.name} and ${opened.bus.name}`);
        return { stop: async () => void events.push('consumer stopped') };
      },
    });
    const running_ = lines.find((l) => l.message === 'widget consumer running');
    expect(running_?.fields).to.include({ module: 'widgets' });
    const port = running_?.fields['port'] as number;

    await sleep(150);
    const notReady = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(notReady.status).to.equal(503);
    expect(((await notReady.json()) as { failing: string[] }).failing).to.have.members(['event-store', 'consumer']);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).to.equal(200);
    expect(lines.filter((l) => l.message === 'retrying').length, 'retried with backoff').to.be.at.least(2);
    expect(events).to.deep.equal(['open kafka']);

    store.up();
    await running.started;
    expect(events).to.deep.equal(['open kafka', 'open event-store', 'start with event-store and kafka']);
    expect(lines.map((l) => l.message)).to.include('widget consumer consuming');
    expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).to.equal(200);

    await running.stop();
    expect(events.slice(3)).to.have.ordered.members(['consumer stopped', 'close event-store', 'close kafka']);
  });

  it('stops cleanly while still waiting for a dependency, closing only what it opened, without exiting', async () => {
    const events: string[] = [];
    const store = dependency('key-store', events);
    const kafka = dependency('kafka', events);
    kafka.up();
    const running = await runConsumerProcess({
      ...base(logs().log, events),
      dependencies: { store: store.dep, bus: kafka.dep },
      openBackoff: { initialMs: 60_000, maxMs: 60_000 },
      start: async () => ({ stop: async () => void events.push('consumer stopped') }),
    });
    await sleep(50);
    const started = Date.now();
    await running.stop();
    expect(Date.now() - started).to.be.below(5_000);
    expect(events).to.deep.equal(['open kafka', 'close kafka']);
  });

  it('exits 1 on a start failure that waiting will not cure (a bug, a wrong password)', async () => {
    const events: string[] = [];
    const { lines, log } = logs();
    const running = await runConsumerProcess({
      ...base(log, events),
      dependencies: {
        store: {
          check: 'event-store',
          open: async (): Promise<Pingable> =>
            Promise.reject(Object.assign(new Error('password authentication failed'), { code: '28P01' })),
        },
      },
      openBackoff: fast,
      start: async () => ({ stop: async () => {} }),
    });
    await running.started;
    expect(events).to.deep.equal(['exit 1']);
    const line = lines.find((l) => l.message === 'widget consumer cannot start');
    // The error's name only: a driver message may carry a URL or a value.
    expect(line?.fields).to.deep.equal({ errorName: 'Error' });
    await running.stop();
  });

  it('answers not ready (`consumer`) while the started consumer has lag and commits nothing, ready once it commits', async () => {
    const events: string[] = [];
    const kafka = dependency('kafka', events);
    kafka.up();
    const { lines, log } = logs();
    // As a projector stuck redoing one batch: joined, behind, its last commit long ago.
    const consumer = { joined: true, progressAt: Date.now() - 10_000, lag: 40 };
    const running = await runConsumerProcess({
      ...base(log, events),
      dependencies: { bus: kafka.dep },
      openBackoff: fast,
      stallAfterMs: 1000,
      start: async () => ({
        stop: async () => {},
        progress: () => ({ joined: consumer.joined, progressAt: consumer.progressAt }),
        lag: async () => [{ topic: 't', partition: 0, lag: consumer.lag }],
      }),
    });
    await running.started;
    const port = lines.find((l) => l.message === 'widget consumer running')?.fields['port'] as number;
    const readyz = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      return {
        status: res.status,
        failing: res.status === 200 ? [] : ((await res.json()) as { failing: string[] }).failing,
      };
    };
    expect(await readyz()).to.deep.equal({ status: 503, failing: ['consumer'] });
    consumer.progressAt = Date.now();
    expect(await readyz()).to.deep.equal({ status: 200, failing: [] });
    consumer.joined = false;
    expect(await readyz(), 'out of its group').to.deep.equal({ status: 503, failing: ['consumer'] });
    await running.stop();
  });
});
