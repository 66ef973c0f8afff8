import {
  createDevTokenIssuer,
  createMemoryIdempotencyStore,
  createMemoryKeyStore,
  type HttpService,
  MemoryEventStore,
  serveHttp,
} from '@chartline/infra';
import { expect } from 'chai';
import { commandModules } from '../../commands/src/main/modules.js';
import { createCommandApp } from '../../commands/src/server/app.js';
import { hospitalDirectory } from '../../commands/src/server/hospital-directory.js';
import { httpStepSender } from '../bench/http-steps.js';
import { driveWorkload } from './drive.js';
import { tokenMinter } from './tokens.js';
import { generateWorkload } from './workload.js';

/** The generated workload is valid: sent in order to a real command API, every command succeeds. */
describe('driveWorkload against a command API (embedded adapters, loopback HTTP)', () => {
  const store = new MemoryEventStore();
  const issuer = createDevTokenIssuer();
  let http: HttpService;

  before(async () => {
    const app = createCommandApp({
      eventStore: store,
      keyStore: createMemoryKeyStore(),
      idempotency: createMemoryIdempotencyStore(),
      auth: { issuer: issuer.issuer, audience: issuer.audience, publicKey: issuer.publicKey },
      modules: commandModules,
      blindIndexSecret: 'test-blind-index-secret',
      // As in production: nothing is accepted for a hospital before its registration (the workload's first step).
      hospitals: hospitalDirectory(store),
    });
    http = await serveHttp(app, 0, '127.0.0.1');
  });
  after(() => http.close(100));

  const steps = generateWorkload({ hospitals: 2, days: 4, seed: 'drive', registrationsPerDay: 8 });
  const options = () => ({
    baseUrl: `http://127.0.0.1:${http.port}`,
    tokenFor: tokenMinter({ privateKey: issuer.privateKey, issuer: issuer.issuer, audience: issuer.audience }),
    runId: 'drive-test',
  });

  it('sends every step with a 2xx answer and records positions per hospital', async () => {
    const result = await driveWorkload(steps, options());
    expect(result.failures).to.deep.equal([]);
    expect(result.sent).to.equal(steps.length);
    expect(Object.keys(result.positions).sort()).to.deep.equal(['gen-1', 'gen-2']);
    const events = await store.readAll();
    expect(events.filter((e) => e.type === 'patients.PossibleDuplicateDismissed').length).to.equal(
      steps.filter((s) => s.command === 'dismiss-possible-duplicate').length,
    );
    expect(events.filter((e) => e.type === 'admissions.PatientTransferred').length).to.equal(
      steps.filter((s) => s.command === 'transfer-patient').length,
    );
  });

  it('replays instead of writing twice when the same run is driven again', async () => {
    const before = (await store.readAll()).length;
    const result = await driveWorkload(steps, options());
    expect(result.failures).to.deep.equal([]);
    expect((await store.readAll()).length).to.equal(before);
  });

  it('HR’s leave decisions and shift swaps name what earlier answers created, and all succeed', async () => {
    const hr = generateWorkload({
      hospitals: 1,
      days: 15,
      seed: 'hr-drive',
      registrationsPerDay: 2,
      hospitalPrefix: 'gen-hr',
    });
    const result = await driveWorkload(hr, { ...options(), runId: 'hr-drive' });
    expect(result.failures).to.deep.equal([]);
    const events = (await store.readAll()).filter((e) => e.metadata['hospitalId'] === 'gen-hr-1');
    const count = (type: string) => events.filter((e) => e.type === type).length;
    const steps = (command: string) => hr.filter((s) => s.command === command).length;
    expect(steps('approve-swap')).to.be.greaterThan(0);
    expect(count('hr.ShiftSwapApproved')).to.equal(steps('approve-swap'));
    // Each approved swap moves two shifts: each person gives one and takes the other's.
    expect(events.filter((e) => e.type === 'hr.ShiftUnassigned').length).to.equal(2 * steps('approve-swap'));
    expect(count('hr.LeaveApproved')).to.equal(steps('approve-leave'));
    expect(count('hr.LeaveRejected')).to.equal(steps('reject-leave'));
    expect(steps('approve-leave') + steps('reject-leave')).to.equal(steps('request-leave'));
  });

  it('reports a refused step and skips the steps that need its id, sending nothing made up', async () => {
    const broken = generateWorkload({ hospitals: 1, days: 1, seed: 'broken', hospitalPrefix: 'gen-broken' });
    const firstWard = broken.findIndex((s) => s.command === 'define-ward');
    // An unknown specialty is refused (400), so the beds of that ward cannot be added.
    const tampered = broken.map((s, i) => (i === firstWard ? { ...s, body: { ...s.body, specialty: 'bogus' } } : s));
    const result = await driveWorkload(tampered, { ...options(), runId: 'broken' });
    expect(result.failures[0]).to.include({ index: firstWard, status: 400, command: 'define-ward' });
    const skipped = result.failures.filter((f) => f.status === 0);
    expect(skipped.length).to.be.greaterThan(0);
    expect(skipped.every((f) => f.command !== 'define-ward')).to.equal(true);
  });

  it("the bench's step sender (same HTTP step) resolves references, answers ids and positions, and rejects a refusal", async () => {
    const few = generateWorkload({ hospitals: 1, days: 1, seed: 'sender', hospitalPrefix: 'gen-sender' });
    const send = httpStepSender({ ...options(), runId: 'sender' });
    // The hospital's registration comes first; nothing else is accepted before it.
    expect(few[0]).to.include({ command: 'register-hospital' });
    expect((await send(few[0]!, 0)).status).to.equal(201);
    const ward = few.findIndex((s) => s.command === 'define-ward');
    const bed = few.findIndex((s, i) => i > ward && s.command === 'add-bed');
    const wardAnswer = await send(few[ward]!, ward);
    expect(wardAnswer.status).to.equal(201);
    expect(wardAnswer.id).to.be.a('string');
    expect(wardAnswer.position).to.be.greaterThan(0);
    const bedAnswer = await send(few[bed]!, bed);
    expect(Object.values(bedAnswer.body)).to.include(wardAnswer.id);
    const refused = { ...few[ward]!, body: { ...few[ward]!.body, specialty: 'bogus' } };
    const error = await send(refused, 10_000).catch((e: unknown) => e);
    expect(String(error)).to.match(/step 10000 define-ward: 400/);
    const orphan = httpStepSender({ ...options(), runId: 'orphan' });
    expect(String(await orphan(few[bed]!, bed).catch((e: unknown) => e))).to.include('an earlier step it needs failed');
  });
});
