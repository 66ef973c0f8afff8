/**
 * npm run anchor [-- --export <file>]
 *
 * One anchoring run (run it on a schedule: the Kubernetes CronJob `chartline-anchor`, hourly):
 * reads every hospital's stream heads from EVENT_STORE_URL, checks them against the hospital's
 * previous anchor, and appends a signed checkpoint to ANCHOR_STORE_URL where they moved.
 * Idempotent. Prints one JSON line per hospital; exits 1 when a hospital no longer matches its
 * previous anchor (it is then not anchored again: see docs/operations.md, "Anchors").
 * `--export <file>` also writes every anchor kept, one JSON line each, for WORM storage.
 */
import { writeFileSync } from 'node:fs';
import {
  anchorHospitals,
  anchorJobEnv,
  anchorSignerFromEnv,
  openAnchorStore,
  openEventStore,
  readEnv,
} from '@chartline/infra';
import { commandLine } from './ops/arguments.js';
import { runOneShot } from './ops/one-shot.js';

await runOneShot('anchor', 'npm run anchor [-- --export <file>]', async () => {
  const env = readEnv(anchorJobEnv);
  const args = commandLine({ export: { type: 'string' } });
  const signer = anchorSignerFromEnv(env);
  const eventStore = await openEventStore(env.EVENT_STORE_URL);
  const anchors = await openAnchorStore(env.ANCHOR_STORE_URL);
  try {
    const results = await anchorHospitals({ eventStore, anchors, signer });
    for (const r of results) {
      const line = { hospitalId: r.hospitalId, outcome: r.outcome, position: r.position, streams: r.streams };
      const broken = r.outcome === 'refused' ? { previous: r.previous } : {};
      process.stdout.write(`${JSON.stringify({ ...line, ...broken })}\n`);
    }
    if (args.export) {
      const all = await anchors.all();
      writeFileSync(args.export, all.map((a) => `${JSON.stringify(a)}\n`).join(''));
      process.stderr.write(`anchor: exported ${all.length} anchors to ${args.export}\n`);
    }
    if (results.some((r) => r.outcome === 'refused')) {
      throw new Error('a hospital no longer matches its previous anchor (not anchored again); see the lines above');
    }
  } finally {
    await Promise.allSettled([anchors.close(), eventStore.close()]);
  }
});
