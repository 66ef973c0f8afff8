/**
 * npm run inventory:expiry-sweep [-- --date YYYY-MM-DD]
 *
 * The daily expiry sweep (run it on a schedule: the Kubernetes CronJob `inventory-expiry-sweep`,
 * every hour so each hospital's local midnight is met within the hour): sends `sweep-expiry` for
 * every stock point of every hospital through the command pipeline. Without --date each hospital's
 * own local today (its time zone, from its settings) is swept. Idempotent: a second run on the same
 * day raises nothing. Prints one JSON line per hospital; exits 1 when a stock point failed (the
 * others were still swept).
 */
import { sweepExpiryEverywhere } from '../commands/src/main/expiry-sweep.js';
import { runCommandJob } from './ops/command-job.js';
import { runOneShot } from './ops/one-shot.js';

await runOneShot('inventory-expiry-sweep', 'npm run inventory:expiry-sweep [-- --date YYYY-MM-DD]', () =>
  runCommandJob(async (deps, options) => {
    const swept = await sweepExpiryEverywhere(deps, options);
    const byHospital = new Map<string, { stockPoints: number; raised: number; failed: string[] }>();
    for (const s of swept) {
      const line = byHospital.get(s.hospitalId) ?? { stockPoints: 0, raised: 0, failed: [] };
      line.stockPoints += 1;
      line.raised += s.raised;
      if (s.error) line.failed.push(`${s.locationId}.${s.itemId}: ${s.error}`);
      byHospital.set(s.hospitalId, line);
    }
    for (const [hospitalId, line] of byHospital) process.stdout.write(`${JSON.stringify({ hospitalId, ...line })}\n`);
    if (swept.some((s) => s.error)) throw new Error('some stock points were not swept; see the lines above');
  }),
);
