/**
 * npm run hr:licence-sweep [-- --date YYYY-MM-DD]
 *
 * The daily licence sweep (run it on a schedule: the Kubernetes CronJob `hr-licence-sweep`): sends
 * `sweep-licences` for every hospital with licences on its register through the command pipeline,
 * for the given day (default: today, UTC). Idempotent: a second run for the same day raises
 * nothing. Prints one JSON line per hospital; exits 1 when a hospital failed (the others were swept).
 */
import { sweepLicencesEverywhere } from '../commands/src/main/licence-sweep.js';
import { runCommandJob } from './ops/command-job.js';
import { runOneShot } from './ops/one-shot.js';

await runOneShot('hr-licence-sweep', 'npm run hr:licence-sweep [-- --date YYYY-MM-DD]', () =>
  runCommandJob(async (deps, options) => {
    const swept = await sweepLicencesEverywhere(deps, options);
    for (const s of swept) process.stdout.write(`${JSON.stringify(s)}\n`);
    if (swept.some((s) => s.error)) throw new Error('some hospitals were not swept; see the lines above');
  }),
);
