import { readGroupLag } from '@chartline/infra';
import kafkajs from 'kafkajs';
import { moduleWorkloads } from '../../infra/src/deploy/workloads.js';

/** Every consumer group's lag (messages produced and not yet committed), or null if Kafka did not answer. */
export type LagSample = { readonly at: number; readonly lag: Readonly<Record<string, number>> | null };

export interface LagProbe {
  sample(): Promise<LagSample>;
  close(): Promise<void>;
}

/**
 * The consumer lag of each projector and process manager, as KEDA and the ChartlineConsumerLagGrowing
 * alert see it: per group, the sum over its topics' partitions of (end offset − committed offset;
 * nothing committed yet counts from the start). Named by the workload (`projector-billing`,
 * `process-manager-billing-charge-capture`), as the processes are.
 */
export async function openLagProbe(brokers: string): Promise<LagProbe> {
  const kafka = new kafkajs.Kafka({
    brokers: brokers.split(','),
    logLevel: kafkajs.logLevel.NOTHING,
    // Kafka may be down while sampled: answer "unknown" quickly rather than hang the sampler.
    connectionTimeout: 1_000,
    requestTimeout: 3_000,
    retry: { retries: 0 },
  });
  const groups = moduleWorkloads().map((w) => ({ name: w.name, group: w.consumerGroup, topics: w.topics }));
  let admin: kafkajs.Admin | undefined;
  const connected = async () => {
    if (!admin) {
      const a = kafka.admin();
      await a.connect();
      admin = a;
    }
    return admin;
  };
  const timedOut = () =>
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error('lag sample timed out')), 10_000).unref());
  return {
    async sample() {
      const at = Date.now();
      try {
        // A Kafka call that never answers must not stop the sampler (nor the run waiting on it).
        return await Promise.race([read(at), timedOut()]);
      } catch {
        // Kafka away (or restarting): a new admin next time.
        const a = admin;
        admin = undefined;
        void a?.disconnect().catch(() => undefined);
        return { at, lag: null };
      }
    },
    async close() {
      await admin?.disconnect().catch(() => undefined);
    },
  };

  async function read(at: number): Promise<LagSample> {
    const a = await connected();
    const existing = new Set(await a.listTopics());
    const lag: Record<string, number> = {};
    for (const g of groups) {
      const mine = g.topics.filter((t) => existing.has(t));
      const partitions = mine.length > 0 ? await readGroupLag(a, g.group, mine) : [];
      lag[g.name] = partitions.reduce((sum, p) => sum + p.lag, 0);
    }
    return { at, lag };
  }
}

/** The highest lag each group reached over the samples (null samples skipped). */
export function peakLag(samples: readonly LagSample[]): Record<string, number> {
  const peak: Record<string, number> = {};
  for (const s of samples)
    for (const [name, lag] of Object.entries(s.lag ?? {})) peak[name] = Math.max(peak[name] ?? 0, lag);
  return peak;
}
