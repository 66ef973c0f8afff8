import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import type { Harness } from '../../server/testing/harness.js';
import { envelopesOf } from '../../server/testing/harness.js';
import { isValidAccessionNumber } from '../accession.js';

const POTASSIUM = '2823-3';
/** Parallel requests per race: enough that several land between one winner's load and its append. */
const N = 10;

/**
 * The laboratory's races driven over HTTP through the command server, run on the embedded
 * adapters (unit) and on PostgreSQL + Redis (integration): what two people doing the same thing
 * at once could break. Each race: exactly the allowed number succeed, the rest get 409 naming the
 * rule, and the event store holds what the rule allows.
 */
export function laboratoryHttpScenario(makeHarness: () => Promise<Harness>, hospitalId: () => string): void {
  let h: Harness;
  let hospital: string;
  let patientId: string;

  const post = async (command: string, body: object, role: string, sub = `u-${role}`) =>
    request(h.app)
      .post(`/hospitals/${hospital}/${command.includes('/') ? command : `laboratory/${command}`}`)
      .set('Authorization', `Bearer ${await h.token({ role, hospitals: [hospital], sub })}`)
      .set('Idempotency-Key', uuidv7())
      .send(body);
  const ok = async (command: string, body: object, role: string, sub?: string) => {
    const res = await post(command, body, role, sub);
    expect(res.status, `${command}: ${JSON.stringify(res.body)}`).to.be.oneOf([200, 201]);
    return res;
  };
  const orderStream = (orderId: string) => `labOrder-${hospital}.${orderId}`;
  const registryStream = () => `accession-${hospital}.registry`;
  const eventsOf = async (stream: string, type: string) =>
    (await envelopesOf(h.eventStore, stream)).filter((e) => e.type === `laboratory.${type}`);
  const order = async () =>
    String((await ok('order-tests', { patientId, testCode: POTASSIUM, priority: 'stat' }, 'physician')).body.id);
  /** An order whose potassium was recorded at `value` by technician `tech-1`, awaiting verification. */
  const resulted = async (value: number) => {
    const orderId = await order();
    await ok('collect-specimen', { orderId }, 'nurse');
    await ok('receive-specimen', { orderId }, 'lab_technician');
    await ok(
      'record-result',
      { orderId, testCode: POTASSIUM, valueNumber: value, unit: 'mmol/L' },
      'lab_technician',
      'tech-1',
    );
    return orderId;
  };
  /** Statuses of the parallel answers, and every refusal checked to be a 409 problem naming `rule`. */
  const expectRace = (results: request.Response[], succeeded: number, rule: string) => {
    const statuses = results.map((r) => r.status);
    expect(
      statuses.filter((s) => s === 200 || s === 201),
      JSON.stringify(results.map((r) => r.body)),
    ).to.have.length(succeeded);
    const refused = results.filter((r) => r.status !== 200 && r.status !== 201);
    expect(refused).to.have.length(results.length - succeeded);
    for (const r of refused) {
      expect(r.status, JSON.stringify(r.body)).to.equal(409);
      expect(r.headers['content-type']).to.match(/application\/problem\+json/);
      expect(r.body.rule, JSON.stringify(r.body)).to.equal(rule);
    }
  };

  before(async () => {
    h = await makeHarness();
    hospital = hospitalId();
    // Orders read the hospital's settings in force (turnaround targets): it must be registered.
    await ok(
      'hospitals/register-hospital',
      { name: 'St Luke', timeZone: 'Europe/London', currency: 'GBP' },
      'platform_admin',
    );
    patientId = String(
      (
        await ok(
          'patients/register-patient',
          { givenName: 'Kalia', familyName: 'Racewell', birthDate: '1960-04-05', sex: 'female' },
          'front_desk',
        )
      ).body.id,
    );
    await ok(
      'define-test',
      {
        testCode: POTASSIUM,
        name: 'Potassium',
        section: 'chemistry',
        specimenType: 'serum',
        resultKind: 'numeric',
        unit: 'mmol/L',
      },
      'lab_supervisor',
    );
    await ok(
      'set-reference-ranges',
      {
        testCode: POTASSIUM,
        ranges: [{ sex: 'any', minAgeDays: 0, low: 3.5, high: 5.1, criticalLow: 2.5, criticalHigh: 6.5 }],
      },
      'lab_supervisor',
    );
  });

  it(`${N} nurses collect one order's specimen at once: one accession number is taken, ${N - 1} get 409 specimen-already-collected`, async () => {
    const orderId = await order();
    const registryBefore = (await eventsOf(registryStream(), 'LabAccessionNumberAssigned')).length;
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) => post('collect-specimen', { orderId }, 'nurse', `nurse-${i}`)),
    );
    expectRace(results, 1, 'specimen-already-collected');
    const collected = await eventsOf(orderStream(orderId), 'LabSpecimenCollected');
    expect(collected).to.have.length(1);
    const assigned = (await eventsOf(registryStream(), 'LabAccessionNumberAssigned')).slice(registryBefore);
    // The losers took no number: the registry moved by exactly the winner's.
    expect(assigned.map((e) => e.data.accessionNumber)).to.deep.equal([collected[0]!.data.accessionNumber]);
  });

  it(`${N} nurses collect ${N} orders' specimens at once: every one gets its own accession number, no duplicate, no gap`, async () => {
    const orders: string[] = [];
    for (let i = 0; i < N; i++) orders.push(await order());
    const registryBefore = (await eventsOf(registryStream(), 'LabAccessionNumberAssigned')).length;
    const results = await Promise.all(
      orders.map((orderId, i) => post('collect-specimen', { orderId }, 'nurse', `nurse-${i}`)),
    );
    expectRace(results, N, 'none');
    const numbers: string[] = [];
    for (const orderId of orders) {
      const collected = await eventsOf(orderStream(orderId), 'LabSpecimenCollected');
      expect(collected, orderId).to.have.length(1);
      numbers.push(String(collected[0]!.data.accessionNumber));
    }
    expect(new Set(numbers).size).to.equal(N);
    for (const n of numbers) expect(isValidAccessionNumber(n), n).to.equal(true);
    const assigned = (await eventsOf(registryStream(), 'LabAccessionNumberAssigned')).slice(registryBefore);
    expect(assigned.map((e) => String(e.data.accessionNumber)).sort()).to.deep.equal([...numbers].sort());
    const sequences = assigned.map((e) => Number(e.data.sequence));
    expect(sequences).to.deep.equal(Array.from({ length: N }, (_, i) => registryBefore + 1 + i));
  });

  it(`${N} technicians result one test at once: one result, ${N - 1} get 409 result-already-recorded`, async () => {
    const orderId = await order();
    await ok('collect-specimen', { orderId }, 'nurse');
    await ok('receive-specimen', { orderId }, 'lab_technician');
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        post(
          'record-result',
          { orderId, testCode: POTASSIUM, valueNumber: 4 + i / 10, unit: 'mmol/L' },
          'lab_technician',
          `tech-${i}`,
        ),
      ),
    );
    expectRace(results, 1, 'result-already-recorded');
    expect(await eventsOf(orderStream(orderId), 'LabResultRecorded')).to.have.length(1);
  });

  it(`${N} supervisors verify one result at once: it is released once, ${N - 1} get 409 result-not-preliminary`, async () => {
    const orderId = await resulted(4.2);
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        post('verify-result', { orderId, testCode: POTASSIUM }, 'lab_supervisor', `supervisor-${i}`),
      ),
    );
    expectRace(results, 1, 'result-not-preliminary');
    const verified = await eventsOf(orderStream(orderId), 'LabResultVerified');
    expect(verified).to.have.length(1);
    const winner = results.find((r) => r.status === 200 || r.status === 201)!;
    expect(winner.body.events).to.deep.equal(['laboratory.LabResultVerified']);
  });

  it(`${N} clinicians acknowledge one critical result at once: closed once, ${N - 1} get 409 no-open-critical-result`, async () => {
    const orderId = await resulted(7.2);
    expect(await eventsOf(orderStream(orderId), 'LabCriticalResultRaised')).to.have.length(1);
    const results = await Promise.all(
      Array.from({ length: N }, (_, i) =>
        post(
          'acknowledge-critical-result',
          { orderId, testCode: POTASSIUM, notifiedPerson: `Ward nurse ${i}`, readBack: true },
          i % 2 === 0 ? 'physician' : 'nurse',
          `clinician-${i}`,
        ),
      ),
    );
    expectRace(results, 1, 'no-open-critical-result');
    expect(await eventsOf(orderStream(orderId), 'LabCriticalResultAcknowledged')).to.have.length(1);
  });

  it('a cancellation racing a verification: whichever lands first wins, the other is refused by its rule', async () => {
    const orderId = await resulted(4.4);
    const [cancel, verify] = await Promise.all([
      post('cancel-order', { orderId, reason: 'no_longer_needed' }, 'physician'),
      post('verify-result', { orderId, testCode: POTASSIUM }, 'lab_supervisor', 'supervisor-x'),
    ]);
    const stream = await envelopesOf(h.eventStore, orderStream(orderId));
    const cancelled = stream.filter((e) => e.type === 'laboratory.LabOrderCancelled');
    const verified = stream.filter((e) => e.type === 'laboratory.LabResultVerified');
    // Never both: a cancelled order has no final result, a final result is never cancelled away.
    expect(cancelled.length + verified.length, JSON.stringify([cancel.body, verify.body])).to.equal(1);
    if (cancelled.length === 1) {
      expect(verify.status).to.equal(409);
      expect(verify.body.rule).to.equal('order-cancelled');
    } else {
      expect(cancel.status).to.equal(409);
      expect(cancel.body.rule).to.equal('order-has-final-result');
    }
  });
}
