import type { DemoReferences } from '../seed/demo-hospitals.js';

export interface BannerInput {
  readonly commandUrl: string;
  readonly readUrl: string;
  readonly dataDir: string;
  readonly hospitals: readonly string[];
  /** One token per role, valid for every demo hospital. */
  readonly tokens: Readonly<Record<string, string>>;
  readonly refs: DemoReferences;
}

const q = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

/** Three commands that work exactly as printed (a test runs them): write, read a view, audit. */
export function curlExamples(input: BannerInput): string[] {
  const { commandUrl, readUrl, tokens, refs } = input;
  const body = JSON.stringify({ givenName: 'Ada', familyName: 'Example', birthDate: '1990-04-01', sex: 'female' });
  return [
    `curl -sS -X POST ${commandUrl}/hospitals/${refs.hospitalId}/patients/register-patient -H ${q(`Authorization: Bearer ${tokens['front_desk']}`)} -H 'Content-Type: application/json' -H 'Idempotency-Key: example-register-1' -d ${q(body)}`,
    `curl -sS ${readUrl}/hospitals/${refs.hospitalId}/wards/${refs.wardId}/beds -H ${q(`Authorization: Bearer ${tokens['nurse']}`)}`,
    `curl -sS ${readUrl}/hospitals/${refs.hospitalId}/audit/streams/${refs.patientStreamId}/verification -H ${q(`Authorization: Bearer ${tokens['auditor']}`)}`,
  ];
}

export function banner(input: BannerInput): string {
  const examples = curlExamples(input);
  const width = Math.max(...Object.keys(input.tokens).map((r) => r.length));
  return [
    '',
    'Chartline is running (embedded: SQLite event store, in-process bus and cache, in-memory views).',
    '',
    `  command API  ${input.commandUrl}   POST /hospitals/<hospitalId>/<module>/<command>`,
    `  read API     ${input.readUrl}   GET  /hospitals/<hospitalId>/…   (OpenAPI: ${input.readUrl}/openapi.json)`,
    `  data         ${input.dataDir}   (delete it to start over)`,
    `  hospitals    ${input.hospitals.join(', ')}`,
    '',
    'Tokens (12 h; new ones at each start), one per demo role, valid for both demo hospitals:',
    ...Object.entries(input.tokens).map(([role, token]) => `  ${role.padEnd(width)}  ${token}`),
    '',
    'Register a patient (command API):',
    `  ${examples[0]}`,
    '',
    'Read the bed board of a ward (read API):',
    `  ${examples[1]}`,
    '',
    "Verify a patient's audit chain (read API, auditor):",
    `  ${examples[2]}`,
    '',
    'Ctrl-C stops it; the events stay in the data folder and the views are rebuilt at the next start.',
    '',
  ].join('\n');
}
