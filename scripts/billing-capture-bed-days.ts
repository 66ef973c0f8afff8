/**
 * npm run billing:capture-bed-days
 *
 * The nightly bed-day capture (run it on a schedule: the Kubernetes CronJob
 * `billing-capture-bed-days`, hourly, so each hospital's local midnight is met within the hour):
 * sends `capture-bed-days` through the command pipeline for every stay account still in hospital,
 * charging the nights completed by now. Idempotent: a night is charged once, however often it runs.
 * Prints one JSON line per account charged or refused (ids and counts only); exits 1 when an
 * account could not be charged (e.g. no bed-day price for its ward: `no-price-in-force`), after
 * the others were.
 */
import { captureBedDaysEverywhere } from '../commands/src/main/bed-day-capture.js';
import { runCommandJob } from './ops/command-job.js';
import { runOneShot, UsageError } from './ops/one-shot.js';

await runOneShot('billing-capture-bed-days', 'npm run billing:capture-bed-days', () =>
  runCommandJob(async (deps, options) => {
    if (options.date) throw new UsageError('capture-bed-days charges the nights completed by now; it takes no --date');
    const results = await captureBedDaysEverywhere(deps);
    for (const r of results) if (r.charged > 0 || r.error) process.stdout.write(`${JSON.stringify(r)}\n`);
    process.stdout.write(
      `${JSON.stringify({ accounts: results.length, nightsCharged: results.reduce((n, r) => n + r.charged, 0) })}\n`,
    );
    if (results.some((r) => r.error)) throw new Error('some stay accounts were not charged; see the lines above');
  }),
);
