import type { DemoReferences } from '../seed/demo-hospitals.js';

export interface BannerInput {
  readonly commandUrl: string;
  readonly readUrl: string;
  /** The web console (absent when a caller starts no console). */
  readonly consoleUrl?: string;
  readonly dataDir: string;
  readonly hospitals: readonly string[];
  /** One token per role, valid for every demo hospital. */
  readonly tokens: Readonly<Record<string, string>>;
  readonly refs: DemoReferences;
  /** Tells this start's Idempotency-Keys apart from an earlier start's (a key's body must not change). */
  readonly runTag: string;
  /** Where the request log goes, as the user should read it. */
  readonly logs: string;
}

const q = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

/** Reads one field of the JSON answer on stdin: node is there (it runs Chartline), jq may not be. */
const field = (name: string) => `node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).${name}'`;

export interface FlowStep {
  /** A shell comment saying what the next line does (printed after `#`). */
  readonly says: string;
  readonly line: string;
}

/**
 * The front desk's main flow as shell lines that work exactly as printed, pasted together into one
 * bash or zsh (a test runs them so): census → a ward's bed board; register → request admission →
 * admit, each answer's id feeding the next; then a read with the consistency token the admission
 * returned (the bed board once the views include it), and an auditor verifying a patient's chain.
 */
export function frontDeskFlow(input: BannerInput): FlowStep[] {
  const { commandUrl, readUrl, tokens, refs, runTag } = input;
  const h = refs.hospitalId;
  const command = (name: string, key: string, body: string) =>
    `curl -sS -X POST ${commandUrl}/hospitals/${h}/${name} -H "Authorization: Bearer $FRONT_DESK" -H 'Content-Type: application/json' -H 'Idempotency-Key: ${key}-${runTag}' -d ${body}`;
  const register = JSON.stringify({ givenName: 'Ada', familyName: 'Example', birthDate: '1990-04-01', sex: 'female' });
  return [
    {
      says: 'tokens of the front desk and an auditor (from the list above)',
      line: `FRONT_DESK=${tokens['front_desk']}`,
    },
    { says: '', line: `AUDITOR=${tokens['auditor']}` },
    ...(refs.pharmacy ? [{ says: '', line: `NURSE=${tokens['nurse']}` }] : []),
    {
      says: 'the wards of the hospital',
      line: `curl -sS ${readUrl}/hospitals/${h}/wards -H "Authorization: Bearer $FRONT_DESK"`,
    },
    {
      says: 'the census: per ward, beds by status, inpatients and planned admissions',
      line: `curl -sS ${readUrl}/hospitals/${h}/census -H "Authorization: Bearer $FRONT_DESK"`,
    },
    {
      says: `the bed board of ward ${refs.wardName}`,
      line: `curl -sS ${readUrl}/hospitals/${h}/wards/${refs.wardId}/beds -H "Authorization: Bearer $FRONT_DESK"`,
    },
    {
      says: 'billing: the hospital’s paid invoices (outpatient consultations of the seeded days), numbered without gaps',
      line: `BILLING_CLERK=${tokens['billing_clerk']}`,
    },
    {
      says: '',
      line: `curl -sS "${readUrl}/hospitals/${h}/billing/invoices?status=paid&limit=3" -H "Authorization: Bearer $BILLING_CLERK"`,
    },
    {
      says: 'register a patient; the answer’s "id" is the new patient’s id',
      line: `PATIENT=$(${command('patients/register-patient', 'example-register', q(register))} | ${field('id')}); echo "patient $PATIENT"`,
    },
    {
      says: `request an admission to ${refs.wardName}; the answer’s "id" is the stay id`,
      line: `STAY=$(${command('admissions/request-admission', 'example-request', `"{\\"patientId\\":\\"$PATIENT\\",\\"wardId\\":\\"${refs.wardId}\\"}"`)} | ${field('id')}); echo "stay $STAY"`,
    },
    {
      says: `admit to free bed ${refs.freeBedLabel}; the answer’s "position" is the consistency token`,
      line: `TOKEN=$(${command('admissions/admit-patient', 'example-admit', `"{\\"stayId\\":\\"$STAY\\",\\"patientId\\":\\"$PATIENT\\",\\"bedId\\":\\"${refs.freeBedId}\\"}"`)} | ${field('position')}); echo "consistency token $TOKEN"`,
    },
    {
      says: 'read your own write: the occupied beds, once the views include the admission (waits up to 5 s)',
      line: `curl -sS "${readUrl}/hospitals/${h}/wards/${refs.wardId}/beds?status=occupied" -H "Authorization: Bearer $FRONT_DESK" -H "X-Consistency-Token: $TOKEN"`,
    },
    ...(refs.pharmacy
      ? [
          {
            says: `a nurse issues 2 × ${refs.pharmacy.itemName} from the pharmacy for the stay (first expiry first out; billing charges the stay)`,
            line: `curl -sS -X POST ${commandUrl}/hospitals/${h}/inventory/issue-stock -H "Authorization: Bearer $NURSE" -H 'Content-Type: application/json' -H 'Idempotency-Key: example-issue-${runTag}' -d "{\\"itemId\\":\\"${refs.pharmacy.itemId}\\",\\"locationId\\":\\"${refs.pharmacy.locationId}\\",\\"quantity\\":2,\\"destination\\":\\"patient\\",\\"patientId\\":\\"$PATIENT\\",\\"stayId\\":\\"$STAY\\"}"`,
          },
        ]
      : []),
    {
      says: 'the ward manager’s roster of a ward for the seeded week: shifts and coverage against the staff each shift needs',
      line: `WARD_MANAGER=${tokens['ward_manager']}`,
    },
    {
      says: '',
      line: `curl -sS "${readUrl}/hospitals/${h}/hr/wards/${refs.rosterWardId}/roster?weekStart=${refs.rosterWeekStart}" -H "Authorization: Bearer $WARD_MANAGER"`,
    },
    {
      says: 'an auditor verifies a patient’s hash chain',
      line: `curl -sS ${readUrl}/hospitals/${h}/audit/streams/${refs.patientStreamId}/verification -H "Authorization: Bearer $AUDITOR"`,
    },
  ];
}

/**
 * The laboratory's flow as shell lines that work as printed (a test runs them): a physician orders
 * a stat potassium for a demo patient, a technician collects the specimen (the answer's position is
 * the consistency token), the order shows its accession number once the views include it, and the
 * chemistry worklist shows it awaiting receipt with the minutes left to its turnaround target.
 */
export function laboratoryFlow(input: BannerInput): FlowStep[] {
  const { commandUrl, readUrl, tokens, refs, runTag } = input;
  const h = refs.hospitalId;
  const patientId = refs.patientStreamId.split('.').at(-1);
  const command = (name: string, token: string, key: string, body: string) =>
    `curl -sS -X POST ${commandUrl}/hospitals/${h}/laboratory/${name} -H "Authorization: Bearer $${token}" -H 'Content-Type: application/json' -H 'Idempotency-Key: ${key}-${runTag}' -d ${body}`;
  const order = JSON.stringify({ patientId, testCode: '2823-3', priority: 'stat' });
  return [
    { says: 'tokens of a physician and a laboratory technician', line: `PHYSICIAN=${tokens['physician']}` },
    { says: '', line: `LAB=${tokens['lab_technician']}` },
    {
      says: 'order a stat potassium (LOINC 2823-3) for a demo patient; the answer’s "id" is the order id',
      line: `ORDER=$(${command('order-tests', 'PHYSICIAN', 'example-lab-order', q(order))} | ${field('id')}); echo "order $ORDER"`,
    },
    {
      says: 'collect the specimen; the answer’s "position" is the consistency token',
      line: `LAB_TOKEN=$(${command('collect-specimen', 'LAB', 'example-lab-collect', `"{\\"orderId\\":\\"$ORDER\\"}"`)} | ${field('position')}); echo "consistency token $LAB_TOKEN"`,
    },
    {
      says: 'the order with its accession number (check character included), once the views include it',
      line: `curl -sS ${readUrl}/hospitals/${h}/laboratory/orders/$ORDER -H "Authorization: Bearer $PHYSICIAN" -H "X-Consistency-Token: $LAB_TOKEN"`,
    },
    {
      says: 'the chemistry worklist awaiting receipt, earliest due first, with minutes to target',
      line: `curl -sS "${readUrl}/hospitals/${h}/laboratory/worklist?section=chemistry&stage=awaiting_receipt" -H "Authorization: Bearer $LAB"`,
    },
  ];
}

export function banner(input: BannerInput): string {
  const width = Math.max(...Object.keys(input.tokens).map((r) => r.length));
  return [
    '',
    'Chartline is running (embedded: SQLite event store, in-process bus and cache, in-memory views).',
    '',
    `  command API  ${input.commandUrl}   POST /hospitals/<hospitalId>/<module>/<command>`,
    `               OpenAPI: ${input.commandUrl}/openapi.json`,
    `  read API     ${input.readUrl}   GET  /hospitals/<hospitalId>/…`,
    `               OpenAPI: ${input.readUrl}/openapi.json`,
    ...(input.consoleUrl
      ? [`  console      ${input.consoleUrl}   open in a browser; pick a hospital and a role (demo tokens)`]
      : []),
    `  logs         ${input.logs}`,
    `  data         ${input.dataDir}   (delete it to start over)`,
    `  hospitals    ${input.hospitals.join(', ')}`,
    '',
    'Tokens (12 h; new ones at each start), one per demo role, valid for both demo hospitals:',
    ...Object.entries(input.tokens).map(([role, token]) => `  ${role.padEnd(width)}  ${token}`),
    '',
    'The front desk’s main flow: paste these lines into one bash or zsh, they work as printed',
    '(wards → census → bed board; register → request admission → admit → read your own write):',
    '',
    ...frontDeskFlow(input).flatMap((step) => [...(step.says ? [`  # ${step.says}`] : []), `  ${step.line}`]),
    '',
    'The laboratory’s flow, also to paste into one bash or zsh as printed',
    '(a physician orders a test → a technician collects the specimen → the order → the worklist):',
    '',
    ...laboratoryFlow(input).flatMap((step) => [...(step.says ? [`  # ${step.says}`] : []), `  ${step.line}`]),
    '',
    'Ctrl-C (or SIGTERM to npm) stops it; the events stay in the data folder and the views are rebuilt at the next start.',
    '',
  ].join('\n');
}
