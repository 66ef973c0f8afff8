import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { driveWorkload } from './generate/drive.js';
import { tokenMinter } from './generate/tokens.js';
import { generateWorkload } from './generate/workload.js';

/**
 * N hospitals × M days of ADT activity, deterministic from a seed.
 *
 *   tsx scripts/generate.ts --hospitals 3 --days 7 --seed 42            print the commands (JSON lines)
 *   tsx scripts/generate.ts --hospitals 3 --days 7 --seed 42 \
 *     --url http://127.0.0.1:8080 --signing-key key.pem \
 *     --issuer chartline-dev --audience chartline                     send them to a command API
 *
 * The signing key (PKCS#8 PEM) must be the private half of the API's JWT_PUBLIC_KEY.
 */
const { values } = parseArgs({
  options: {
    hospitals: { type: 'string', default: '2' },
    days: { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    prefix: { type: 'string', default: 'gen' },
    url: { type: 'string' },
    'signing-key': { type: 'string' },
    issuer: { type: 'string', default: 'chartline-dev' },
    audience: { type: 'string', default: 'chartline' },
    concurrency: { type: 'string', default: '4' },
  },
});

const count = (name: string, text: string): number => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`--${name} must be a positive integer\n`);
    process.exit(2);
  }
  return n;
};

const steps = generateWorkload({
  hospitals: count('hospitals', values.hospitals),
  days: count('days', values.days),
  seed: values.seed,
  hospitalPrefix: values.prefix,
});

if (!values.url) {
  // `… | head` closes the pipe early: that is the reader being done, not an error.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? 0 : 1));
  for (const step of steps) process.stdout.write(`${JSON.stringify(step)}\n`);
} else {
  if (!values['signing-key']) {
    process.stderr.write('--signing-key <pem file> is needed to mint tokens for the generated hospitals\n');
    process.exit(2);
  }
  const tokenFor = tokenMinter({
    privateKey: readFileSync(values['signing-key'], 'utf8'),
    issuer: values.issuer,
    audience: values.audience,
  });
  let done = 0;
  const result = await driveWorkload(steps, {
    baseUrl: values.url.replace(/\/$/, ''),
    tokenFor,
    concurrency: count('concurrency', values.concurrency),
    runId: `gen:${values.seed}`,
    onStep: () => {
      if (++done % 500 === 0) process.stderr.write(`  ${done}/${steps.length} commands\n`);
    },
  });
  process.stdout.write(
    `${JSON.stringify({ steps: steps.length, sent: result.sent, byStatus: result.byStatus, millis: result.millis, positions: result.positions, failures: result.failures.slice(0, 20) }, null, 2)}\n`,
  );
  process.exit(result.failures.length === 0 ? 0 : 1);
}
