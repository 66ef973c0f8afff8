import { verifyChain } from '@chartline/events';
import {
  createDevTokenIssuer,
  createMemoryIdempotencyStore,
  MasterKey,
  MemoryReadStore,
  openPostgresKeyStore,
  PostgresEventStore,
  requireService,
} from '@chartline/infra';
import { createReadApp, hospitalStatusFromEventStore } from '@chartline/read-api';
import { expect } from 'chai';
import type { Express } from 'express';
import { SignJWT } from 'jose';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { commandModules } from '../commands/src/main/modules.js';
import { createCommandApp } from '../commands/src/server/app.js';
import { hospitalDirectory } from '../commands/src/server/hospital-directory.js';
import { envelopesOf } from '../commands/src/server/testing/harness.js';

/**
 * The HR module over HTTP on the real PostgreSQL event store, with the command API and the read
 * API as separate apps (each its own grants cache, as two replicas would be): access grants that
 * both APIs obey within 5 s of a revocation, and the person's shifts under concurrent rostering.
 */
describe('HR over HTTP on PostgreSQL: access grants obeyed by both APIs, concurrent rostering', () => {
  const run = `hrit${Date.now().toString(36)}`;
  const hospital = run;
  let eventStore: PostgresEventStore;
  let keyStore: Awaited<ReturnType<typeof openPostgresKeyStore>>;
  let commands: Express;
  let reads: Express;
  const issuer = createDevTokenIssuer();
  /** A token with several roles (as identity providers issue them), for one subject. */
  const token = (sub: string, roles: readonly string[]) =>
    new SignJWT({ roles: [...roles], hospitals: [hospital] })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject(sub)
      .setIssuer(issuer.issuer)
      .setAudience(issuer.audience)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(issuer.privateKey);
  const command = async (name: string, body: object, tok: string) =>
    request(commands)
      .post(`/hospitals/${hospital}/${name}`)
      .set('Authorization', `Bearer ${tok}`)
      .set('Idempotency-Key', uuidv7())
      .send(body);
  const read = (path: string, tok: string) =>
    request(reads).get(`/hospitals/${hospital}${path}`).set('Authorization', `Bearer ${tok}`);
  let hr: string;
  let admin: string;
  let manager: string;

  before(async function () {
    const postgresUrl = requireService(this, 'POSTGRES_URL', 'the PostgreSQL event store and key store');
    eventStore = await PostgresEventStore.open({ url: postgresUrl, schema: `hr_it_${run}` });
    keyStore = await openPostgresKeyStore(postgresUrl, MasterKey.generate());
    const auth = { issuer: issuer.issuer, audience: issuer.audience, publicKey: issuer.publicKey };
    commands = createCommandApp({
      eventStore,
      keyStore,
      idempotency: createMemoryIdempotencyStore(),
      auth,
      modules: commandModules,
      blindIndexSecret: 'hr-it',
      hospitals: hospitalDirectory(eventStore),
    });
    reads = createReadApp({
      eventStore,
      readStore: new MemoryReadStore(),
      auth,
      hospitalStatus: hospitalStatusFromEventStore(eventStore),
    });
    const platform = await token('platform-1', ['platform_admin']);
    const registered = await command(
      'hospitals/register-hospital',
      { name: 'HR test hospital', timeZone: 'Europe/London', currency: 'GBP' },
      platform,
    );
    expect(registered.status, JSON.stringify(registered.body)).to.equal(201);
    hr = await token('hr-officer-1', ['hr_admin']);
    admin = await token('admin-1', ['admin']);
    manager = await token('manager-1', ['ward_manager']);
  });

  after(async () => {
    await eventStore?.close();
    await keyStore?.close();
  });

  const onboard = async (familyName: string) => {
    const res = await command(
      'hr/onboard-staff',
      {
        givenName: 'Test',
        familyName,
        department: 'Medicine',
        jobTitle: 'Staff nurse',
        practitionerRoles: ['nurse'],
        startDate: '2025-01-01',
        leaveBalances: { annual: 25 },
      },
      hr,
    );
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    return String(res.body.id);
  };

  /** Polls until `probe` answers 403, and returns how long that took. */
  const refusedWithin = async (probe: () => Promise<request.Response>, limitMs: number) => {
    const started = Date.now();
    for (;;) {
      const res = await probe();
      if (res.status === 403) return { ms: Date.now() - started, res };
      expect(Date.now() - started, `still ${res.status} after the revocation`).to.be.below(limitMs);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  it('a revoked role is refused for its commands and reads within 5 s on both APIs, whatever the token says; other granted roles still work', async () => {
    const ann = await onboard('Manager');
    const subject = `ann-${run}`;
    expect((await command('hr/link-user', { staffId: ann, userId: subject }, admin)).status).to.equal(200);
    for (const role of ['ward_manager', 'nurse']) {
      const granted = await command('hr/grant-access-role', { staffId: ann, role }, admin);
      expect(granted.status, JSON.stringify(granted.body)).to.equal(200);
    }
    // Her token says ward_manager, nurse and hr_admin; HR granted only the first two here.
    const annToken = await token(subject, ['ward_manager', 'nurse', 'hr_admin']);
    const shiftType = { name: 'Early', startTime: '07:00', endTime: '15:00', clinical: false, requiredStaff: 1 };
    expect((await command('hr/define-shift-type', shiftType, annToken)).status).to.equal(201);
    expect((await read('/hr/swaps', annToken)).status).to.equal(200);
    // hr_admin was never granted: refused though the token carries it, naming the role.
    const notGranted = await command('hr/credit-leave', { staffId: ann, leaveType: 'annual', days: 1 }, annToken);
    expect(notGranted.status).to.equal(403);
    expect(notGranted.body.type).to.equal('/problems/role-revoked');

    const revoked = await command('hr/revoke-access-role', { staffId: ann, role: 'ward_manager' }, admin);
    expect(revoked.status, JSON.stringify(revoked.body)).to.equal(200);

    const onCommands = await refusedWithin(() => command('hr/define-shift-type', shiftType, annToken), 5000);
    const onReads = await refusedWithin(() => read('/hr/swaps', annToken), 5000);
    expect(onCommands.res.body.type).to.equal('/problems/role-revoked');
    expect(onCommands.res.body.revokedRoles).to.include('ward_manager');
    expect(onReads.res.body.type).to.equal('/problems/role-revoked');
    // nurse is still granted: the ward roster (nurses read it) still answers.
    const roster = await read(`/hr/wards/${uuidv7()}/roster?weekStart=2025-03-10`, annToken);
    expect(roster.status).to.equal(200);
    // A token of someone HR never linked is not governed: the identity provider's roles stand.
    expect((await command('hr/define-shift-type', { ...shiftType, name: 'Late' }, manager)).status).to.equal(201);
  });

  it('separation revokes every role: the person’s token is refused everywhere within 5 s', async () => {
    const bob = await onboard('Leaver');
    const subject = `bob-${run}`;
    await command('hr/link-user', { staffId: bob, userId: subject }, admin);
    await command('hr/grant-access-role', { staffId: bob, role: 'nurse' }, admin);
    const bobToken = await token(subject, ['nurse']);
    const roster = () => read(`/hr/wards/${uuidv7()}/roster?weekStart=2025-03-10`, bobToken);
    expect((await roster()).status).to.equal(200);
    const leave = () =>
      command(
        'hr/request-leave',
        { staffId: bob, leaveType: 'annual', from: '2025-08-01', to: '2025-08-02' },
        bobToken,
      );
    const separated = await command(
      'hr/separate-staff',
      { staffId: bob, separationDate: '2025-06-30', reason: 'resignation' },
      hr,
    );
    expect(separated.status, JSON.stringify(separated.body)).to.equal(200);
    expect(separated.body.events).to.include('hr.AccessRoleRevoked');
    const onReads = await refusedWithin(roster, 5000);
    const onCommands = await refusedWithin(leave, 5000);
    expect(onReads.res.body.type).to.equal('/problems/access-not-granted');
    expect(onCommands.res.body.type).to.equal('/problems/access-not-granted');
  });

  it('of 6 parallel overlapping assignments for one person exactly one succeeds, the rest 409 naming the rule; the store holds one shift', async () => {
    const carol = await onboard('Rostered');
    const type = await command(
      'hr/define-shift-type',
      { name: 'Office', startTime: '09:00', endTime: '17:00', clinical: false, requiredStaff: 2 },
      manager,
    );
    const ward = uuidv7();
    const results = await Promise.all(
      Array.from({ length: 6 }, () =>
        command(
          'hr/assign-shift',
          { staffId: carol, shiftTypeId: type.body.id, wardId: ward, date: '2025-09-01' },
          manager,
        ),
      ),
    );
    expect(results.map((r) => r.status).sort()).to.deep.equal([200, 409, 409, 409, 409, 409]);
    for (const refused of results.filter((r) => r.status === 409)) {
      expect(refused.body.rule ?? refused.body.type).to.be.oneOf(['shift-overlaps', '/problems/concurrent-change']);
    }
    const history = await envelopesOf(eventStore, `staff-${hospital}.${carol}`);
    expect(history.filter((e) => e.type === 'hr.ShiftAssigned')).to.have.length(1);
    expect(verifyChain(history).ok).to.equal(true);
    // The winner answered the shift it made (not only the person's id), as the event records it.
    const winner = results.find((r) => r.status === 200)!;
    expect(winner.body.created.shiftId).to.equal(history.find((e) => e.type === 'hr.ShiftAssigned')?.data['shiftId']);
  });

  it('a leave request answers its leave id, the same from the command record in PostgreSQL after the idempotency cache forgot it', async () => {
    const dee = await onboard('Leavetaker');
    const body = { staffId: dee, leaveType: 'annual', from: '2025-10-06', to: '2025-10-07' };
    const send = (app: Express) =>
      request(app)
        .post(`/hospitals/${hospital}/hr/request-leave`)
        .set('Authorization', `Bearer ${hr}`)
        .set('Idempotency-Key', `leave-${run}`)
        .send(body);
    const first = await send(commands);
    expect(first.status, JSON.stringify(first.body)).to.equal(200);
    // Another command-API process on the same event store, its idempotency cache empty.
    const restarted = createCommandApp({
      eventStore,
      keyStore,
      idempotency: createMemoryIdempotencyStore(),
      auth: { issuer: issuer.issuer, audience: issuer.audience, publicKey: issuer.publicKey },
      modules: commandModules,
      blindIndexSecret: 'hr-it',
      hospitals: hospitalDirectory(eventStore),
    });
    const again = await send(restarted);
    expect(again.headers['idempotent-replayed']).to.equal('true');
    expect(again.body.created).to.deep.equal(first.body.created);
    const approved = await command('hr/approve-leave', { staffId: dee, leaveId: first.body.created.leaveId }, manager);
    expect(approved.status, JSON.stringify(approved.body)).to.equal(200);
  });
});
