/**
 * npm run verify-anchors [-- <hospitalId> …]
 *
 * Checks each hospital's event store against its latest signed anchor (all anchored hospitals
 * when none is named): a stream cut short is reported with the revisions missing, a rewritten head
 * with both hashes, a forged anchor as invalid-signature. Reads EVENT_STORE_URL, ANCHOR_STORE_URL
 * and ANCHOR_PUBLIC_KEY (or ANCHOR_PUBLIC_KEY_FILE). Prints one JSON line per hospital; exits 1
 * when any is not ok. The chain within each stream: scripts/audit/verify_chain.py.
 */
import {
  anchorPublicKeyFromEnv,
  anchorVerifyEnv,
  openAnchorStore,
  openEventStore,
  readEnv,
  verifyAgainstAnchor,
} from '@chartline/infra';
import { runOneShot } from '../ops/one-shot.js';

await runOneShot('verify-anchors', 'npm run verify-anchors [-- <hospitalId> …]', async () => {
  const env = readEnv(anchorVerifyEnv);
  const publicKey = anchorPublicKeyFromEnv(env);
  const eventStore = await openEventStore(env.EVENT_STORE_URL);
  const anchors = await openAnchorStore(env.ANCHOR_STORE_URL);
  try {
    const named = process.argv.slice(2).filter((a) => !a.startsWith('-'));
    const hospitals = named.length ? named : [...new Set((await anchors.all()).map((a) => a.checkpoint.hospitalId))];
    let failed = false;
    for (const hospitalId of hospitals.sort()) {
      const verdict = await verifyAgainstAnchor(eventStore, await anchors.latest(hospitalId), publicKey);
      if (verdict.status !== 'ok') failed = true;
      process.stdout.write(`${JSON.stringify({ hospitalId, ...verdict })}\n`);
    }
    if (failed) throw new Error('some hospitals do not match their latest anchor; see the lines above');
  } finally {
    await Promise.allSettled([anchors.close(), eventStore.close()]);
  }
});
