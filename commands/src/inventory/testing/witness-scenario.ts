import { expect } from 'chai';
import request from 'supertest';
import type { Harness } from '../../server/testing/harness.js';
import { envelopesOf, tokenSigner } from '../../server/testing/harness.js';
import { inventoryClient } from './http-client.js';

/**
 * The witness as a second authenticated person, an issue to a patient checked against their record
 * and stay, and an item updated with If-Match, over HTTP through the command server (embedded
 * adapters in the unit tier, PostgreSQL + Redis in the integration tier). Every refusal leaves the
 * stock stream as it was.
 */
export function inventoryWitnessScenario(makeHarness: () => Promise<Harness>, hospitalId: () => string): void {
  let h: Harness;
  let hospital: string;
  let morphine: string;
  let pharmacy: string;
  let lotId: string;
  let care: { patientId: string; stayId: string };
  const { post, ok, admittedPatient } = inventoryClient(
    () => h,
    () => hospital,
  );
  const stockStream = () => `stock-${hospital}.${pharmacy}.${morphine}`;
  const stockEvents = async () => envelopesOf(h.eventStore, stockStream());
  /** The witness's own token: another subject of this hospital unless told otherwise. */
  const witnessToken = async (claims: { role?: string; sub?: string; hospitals?: string[] } = {}) =>
    `Bearer ${await h.token({
      role: claims.role ?? 'pharmacist',
      sub: claims.sub ?? 'witness-pharmacist',
      hospitals: claims.hospitals ?? [hospital],
    })}`;
  const issue = () => ({ itemId: morphine, locationId: pharmacy, quantity: 1, destination: 'patient', ...care });

  before(async () => {
    h = await makeHarness();
    hospital = hospitalId();
    await ok(
      'hospitals/register-hospital',
      { name: 'St Luke', timeZone: 'Europe/Paris', currency: 'EUR' },
      'platform_admin',
    );
    morphine = (
      await ok(
        'define-item',
        {
          code: `MORPH-${hospital}`,
          name: 'Morphine 10 mg/ml ampoule',
          unitOfMeasure: 'ampoule',
          category: 'medicine',
          controlledSubstance: true,
        },
        'storekeeper',
      )
    ).body.id;
    pharmacy = (await ok('define-location', { code: 'PH', name: 'Pharmacy', kind: 'pharmacy' }, 'storekeeper')).body.id;
    const received = await ok(
      'receive-stock',
      {
        itemId: morphine,
        locationId: pharmacy,
        lotNumber: 'M-1',
        expiryDate: '2099-12-31',
        quantity: 10,
        unitCostMinor: 450,
        supplier: 'Acme',
      },
      'storekeeper',
    );
    lotId = String((await stockEvents())[0]?.data['lotId']);
    expect(received.body.events).to.include('inventory.StockReceived');
    const { patientId, stayId } = await admittedPatient('Witnessed');
    care = { patientId, stayId };
  });

  describe('a controlled substance issued with a witness: a second person, authenticated by their own token', () => {
    it('issues with the witness’s token and records their subject and acting role in the event', async () => {
      const done = await ok('issue-stock', issue(), 'nurse', 200, { sub: 'nurse-ann', witness: await witnessToken() });
      expect(done.body.events).to.deep.equal(['inventory.StockIssuedToPatient']);
      const issued = (await stockEvents()).at(-1)!;
      expect(issued.data).to.include({ witnessId: 'witness-pharmacist', witnessRole: 'pharmacist' });
      expect(issued.actor).to.deep.equal({ id: 'nurse-ann', role: 'nurse' });
    });

    it('refuses each way a witness can fail, naming the rule, and appends nothing', async () => {
      const before = (await stockEvents()).length;
      const other = await tokenSigner();
      const cases: { witness?: string; status: number; rule: string; field?: string }[] = [
        { status: 409, rule: 'witness-required' },
        { witness: 'Basic d2l0bmVzcw==', status: 400, rule: 'invalid-witness-authorization' },
        {
          witness: `Bearer ${await other.sign({ role: 'pharmacist', sub: 'forger', hospitals: [hospital] })}`,
          status: 403,
          rule: 'witness-not-authenticated',
        },
        {
          witness: await witnessToken({ hospitals: ['another-hospital'] }),
          status: 403,
          rule: 'witness-hospital-not-allowed',
        },
        {
          witness: await witnessToken({ role: 'billing_clerk', sub: 'clerk-1' }),
          status: 403,
          rule: 'witness-role-not-allowed',
        },
        { witness: await witnessToken({ role: 'nurse', sub: 'nurse-ann' }), status: 409, rule: 'witness-is-issuer' },
      ];
      for (const c of cases) {
        const res = await post('issue-stock', issue(), 'nurse', {
          sub: 'nurse-ann',
          ...(c.witness === undefined ? {} : { witness: c.witness }),
        });
        expect(res.status, `${c.rule}: ${JSON.stringify(res.body)}`).to.equal(c.status);
        expect(res.headers['content-type']).to.match(/application\/problem\+json/);
        if (c.status === 400) {
          expect(res.body.type).to.equal(`/problems/${c.rule}`);
          expect(res.body.errors.map((e: { field: string }) => e.field)).to.include('header.x-witness-authorization');
        } else {
          expect(res.body.rule).to.equal(c.rule);
          if (c.status === 403) expect(res.body.type).to.equal(`/problems/${c.rule}`);
        }
      }
      expect((await stockEvents()).length).to.equal(before);
    });

    it('the witness is part of the request: one Idempotency-Key with another witness is refused 422', async () => {
      const key = `witnessed-${hospital}`;
      await ok('issue-stock', issue(), 'nurse', 200, { key, sub: 'nurse-ann', witness: await witnessToken() });
      const other = await post('issue-stock', issue(), 'nurse', {
        key,
        sub: 'nurse-ann',
        witness: await witnessToken({ role: 'nurse', sub: 'nurse-bob' }),
      });
      expect(other.status).to.equal(422);
      expect(other.body.type).to.equal('/problems/idempotency-key-reused');
    });

    it('a disposal always needs a witness in a role allowed to witness it', async () => {
      const dispose = { itemId: morphine, locationId: pharmacy, lotId, quantity: 1, reason: 'damaged' };
      const alone = await post('dispose-stock', dispose, 'storekeeper');
      expect(alone.status).to.equal(409);
      expect(alone.body.rule).to.equal('witness-required');
      const physician = await post('dispose-stock', dispose, 'storekeeper', {
        witness: await witnessToken({ role: 'physician', sub: 'dr-who' }),
      });
      expect(physician.status).to.equal(403);
      expect(physician.body.rule).to.equal('witness-role-not-allowed');
      expect(physician.body.allowedRoles).to.deep.equal(['pharmacist', 'storekeeper', 'nurse']);
      await ok('dispose-stock', dispose, 'storekeeper', 200, {
        witness: await witnessToken({ role: 'storekeeper', sub: 'store-2' }),
      });
      expect((await stockEvents()).at(-1)?.data).to.include({ witnessId: 'store-2', witnessRole: 'storekeeper' });
    });

    it('the OpenAPI document describes the witness header on the witnessed commands only', async () => {
      const doc = (await request(h.app).get('/openapi.json')).body;
      const headers = (path: string) =>
        (doc.paths[`/hospitals/{hospitalId}/inventory/${path}`].post.parameters as { name: string }[]).map(
          (p) => p.name,
        );
      expect(headers('issue-stock')).to.include('X-Witness-Authorization');
      expect(headers('dispose-stock')).to.include('X-Witness-Authorization');
      expect(headers('receive-stock')).not.to.include('X-Witness-Authorization');
      expect(doc.paths['/hospitals/{hospitalId}/inventory/issue-stock'].post.responses).to.have.property('403');
    });
  });

  describe('an issue to a patient: the patient registered and their stay open', () => {
    it('refuses an unknown patient 404 patient-not-found and a discharged stay 409 stay-not-open', async () => {
      const before = (await stockEvents()).length;
      const witness = await witnessToken();
      const unknown = await post(
        'issue-stock',
        { ...issue(), patientId: '0193a6f0-0000-7000-8000-00000000dead' },
        'nurse',
        {
          witness,
        },
      );
      expect(unknown.status).to.equal(404);
      expect(unknown.body.rule).to.equal('patient-not-found');
      const gone = await admittedPatient('Discharged');
      await ok(
        'admissions/discharge-patient',
        { stayId: gone.stayId, patientId: gone.patientId, bedId: gone.bedId, reason: 'home', disposition: 'home' },
        'physician',
        200,
      );
      const closed = await post(
        'issue-stock',
        { ...issue(), ...{ patientId: gone.patientId, stayId: gone.stayId } },
        'nurse',
        {
          witness,
        },
      );
      expect(closed.status, JSON.stringify(closed.body)).to.equal(409);
      expect(closed.body).to.include({ rule: 'stay-not-open', status: 409, stayStatus: 'finished' });
      const wrongStay = await post('issue-stock', { ...issue(), stayId: gone.stayId }, 'nurse', { witness });
      expect(wrongStay.body.rule).to.equal('stay-not-of-patient');
      expect((await stockEvents()).length).to.equal(before);
    });
  });

  describe('an item updated with If-Match', () => {
    it('changes the item at the ETag it was read at; a stale ETag is 412, an empty change 400', async () => {
      const updated = await ok(
        'update-item',
        { itemId: morphine, name: 'Morphine sulfate 10 mg/ml ampoule' },
        'pharmacist',
        200,
        { ifMatch: '"0"' },
      );
      expect(updated.headers['etag']).to.equal('"1"');
      expect(updated.body.events).to.deep.equal(['inventory.ItemUpdated']);
      const stale = await post('update-item', { itemId: morphine, packSize: 10 }, 'pharmacist', { ifMatch: '"0"' });
      expect(stale.status).to.equal(412);
      const empty = await post('update-item', { itemId: morphine }, 'pharmacist', { ifMatch: '"1"' });
      expect(empty.status).to.equal(400);
      const nurse = await post('update-item', { itemId: morphine, packSize: 10 }, 'nurse');
      expect(nurse.status).to.equal(403);
      const item = await envelopesOf(h.eventStore, `item-${hospital}.${morphine}`);
      expect(item.map((e) => e.type)).to.deep.equal(['inventory.ItemDefined', 'inventory.ItemUpdated']);
    });
  });
}
