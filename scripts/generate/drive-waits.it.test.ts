import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import { driveWorkload } from './drive.js';
import type { WorkloadStep } from './workload.js';

/**
 * The driver's handling of steps that wait on a process manager (`awaits`), are meant to be refused
 * (`expectRefused`), may find nothing to do (`tolerates`) or are remedied (`remedy`), against a
 * loopback server that answers each command from a script: the thing tested is the driver's
 * reading of answers, not the command API (drive.it.test.ts and billing-money.it.test.ts send real
 * workloads with these steps to the real one).
 */
describe('driveWorkload: waiting, expected refusals, tolerated refusals and remedies', () => {
  let server: Server;
  let baseUrl = '';
  /** Answers still to give per command (the last one repeats), and the keys each command was sent with. */
  const script = new Map<string, { status: number; rule?: string }[]>();
  const keys = new Map<string, string[]>();

  before(async () => {
    server = createServer((req, res) => {
      const command = String(req.url).split('/').pop()!;
      keys.set(command, [...(keys.get(command) ?? []), String(req.headers['idempotency-key'])]);
      // A connection closed under the request, as a server ending a keep-alive connection does.
      if (command === 'hang-up' && keys.get(command)!.length === 1) return req.socket.destroy();
      req.resume();
      req.on('end', () => {
        const answers = script.get(command) ?? [{ status: 201 }];
        const { status, rule } = answers.length > 1 ? answers.shift()! : answers[0]!;
        res.writeHead(status, { 'content-type': status < 300 ? 'application/json' : 'application/problem+json' });
        res.end(JSON.stringify(status < 300 ? { id: `${command}-id` } : { code: rule, rule, status }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => server.close(() => r())));
  beforeEach(() => {
    script.clear();
    keys.clear();
  });

  const step = (command: string, extra: Partial<WorkloadStep> = {}): WorkloadStep => ({
    hospitalId: 'h',
    role: 'billing_clerk',
    module: 'billing',
    command,
    body: {},
    day: 1,
    minute: 0,
    ...extra,
  });
  const drive = (steps: WorkloadStep[], awaitMillis = 5_000) =>
    driveWorkload(steps, { baseUrl, tokenFor: async () => 'token', runId: 'r', awaitMillis });

  it('sends a waiting step again, under new keys, while refused with a rule it awaits', async () => {
    script.set('issue-invoice', [
      { status: 404, rule: 'account-not-found' },
      { status: 409, rule: 'stay-discharge-not-recorded' },
      { status: 201 },
    ]);
    const result = await drive([
      step('issue-invoice', { awaits: ['account-not-found', 'stay-discharge-not-recorded'] }),
    ]);
    expect(result.failures).to.deep.equal([]);
    expect(keys.get('issue-invoice')).to.deep.equal(['r:0', 'r:0:wait-1', 'r:0:wait-2']);
  });

  it('gives up waiting after its patience, and reports the refusal', async () => {
    script.set('issue-invoice', [{ status: 404, rule: 'account-not-found' }]);
    const result = await drive([step('issue-invoice', { awaits: ['account-not-found'] })], 300);
    expect(result.failures.map((f) => f.problem)).to.deep.equal(['account-not-found/account-not-found']);
    expect(keys.get('issue-invoice')!.length).to.be.at.least(2);
  });

  it('does not wait on a refusal it does not await', async () => {
    script.set('issue-invoice', [{ status: 409, rule: 'no-unbilled-charges' }, { status: 201 }]);
    const result = await drive([step('issue-invoice', { awaits: ['account-not-found'] })]);
    expect(result.failures.map((f) => f.problem)).to.deep.equal(['no-unbilled-charges/no-unbilled-charges']);
  });

  it('counts a step refused as expected as done, and one that went through as a failure', async () => {
    script.set('discharge-patient', [{ status: 409, rule: 'discharge-with-unbilled-charges' }, { status: 200 }]);
    const result = await drive([
      step('discharge-patient', { expectRefused: 'discharge-with-unbilled-charges' }),
      step('discharge-patient', { expectRefused: 'discharge-with-unbilled-charges' }),
    ]);
    expect(result.refusedAsExpected).to.equal(1);
    expect(result.failures.map((f) => [f.index, f.problem])).to.deep.equal([
      [1, 'expected to be refused with discharge-with-unbilled-charges, but done'],
    ]);
  });

  it('takes a tolerated refusal as nothing to do, saving no id', async () => {
    script.set('issue-invoice', [{ status: 409, rule: 'no-unbilled-charges' }]);
    const result = await drive([step('issue-invoice', { tolerates: ['no-unbilled-charges'], saveAs: 'inv' })]);
    expect(result.failures).to.deep.equal([]);
    expect(result.ids.has('inv')).to.equal(false);
  });

  it('sends the remedy while refused with its rule, then the step again', async () => {
    script.set('discharge-patient', [
      { status: 409, rule: 'discharge-with-unbilled-charges' },
      { status: 409, rule: 'discharge-with-unbilled-charges' },
      { status: 200 },
    ]);
    const remedy = {
      whileRefused: 'discharge-with-unbilled-charges',
      steps: [{ role: 'billing_clerk' as const, module: 'billing' as const, command: 'issue-invoice', body: {} }],
    };
    const result = await drive([step('discharge-patient', { remedy })]);
    expect(result.failures).to.deep.equal([]);
    expect(result.remedies).to.equal(2);
    expect(keys.get('issue-invoice')).to.deep.equal(['r:0:remedy-1-0', 'r:0:remedy-2-0']);
    expect(keys.get('discharge-patient')).to.deep.equal(['r:0', 'r:0:after-remedy-1', 'r:0:after-remedy-2']);
  });

  it('stops remedying after five rounds and reports the refusal', async () => {
    script.set('discharge-patient', [{ status: 409, rule: 'discharge-with-unbilled-charges' }]);
    const remedy = {
      whileRefused: 'discharge-with-unbilled-charges',
      steps: [{ role: 'billing_clerk' as const, module: 'billing' as const, command: 'issue-invoice', body: {} }],
    };
    const result = await drive([step('discharge-patient', { remedy })]);
    expect(result.remedies).to.equal(5);
    expect(result.failures.map((f) => f.problem)).to.deep.equal([
      'discharge-with-unbilled-charges/discharge-with-unbilled-charges',
    ]);
  });

  it('sends a request again, under the same key, when the connection closed under it', async () => {
    const result = await drive([step('hang-up')]);
    expect(result.failures).to.deep.equal([]);
    expect(keys.get('hang-up')).to.deep.equal(['r:0', 'r:0']);
  });
});
