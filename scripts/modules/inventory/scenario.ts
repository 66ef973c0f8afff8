import type { ModuleScenario } from '../../e2e/scenario-context.js';

/**
 * The inventory module's part: a controlled medicine received at the pharmacy; issued to a second
 * patient's open stay (refused while it is only planned), witnessed by a pharmacist with their own token (refused
 * without a witness, with the nurse as her own witness, and beyond the stock); the item's name
 * corrected with If-Match; a transfer to the ward's store received short with a reason; the stock,
 * ledger, transfers and the patient's consumption read back; the stock stream audited, and its
 * state as of a time between the receipt and the issue folded.
 */
export const inventoryScenario: ModuleScenario = {
  setUp: ({ command, ids }) => {
    it('defines a controlled medicine, the pharmacy, and receives a lot', async () => {
      const defined = await command('storekeeper', 'inventory/define-item', {
        code: 'MORPH10',
        name: 'Morphine 10 mg/ml ampoule',
        unitOfMeasure: 'ampoule',
        packSize: 10,
        category: 'medicine',
        controlledSubstance: true,
      });
      ids['item'] = String(defined.body['id']);
      ids['itemRevision'] = String(defined.body['revision']);
      ids['pharmacy'] = String(
        (await command('storekeeper', 'inventory/define-location', { code: 'PH', name: 'Pharmacy', kind: 'pharmacy' }))
          .body['id'],
      );
      await command('storekeeper', 'inventory/receive-stock', {
        itemId: ids['item'],
        locationId: ids['pharmacy'],
        lotNumber: 'E2E-LOT-1',
        expiryDate: '2099-06-30',
        quantity: 20,
        unitCostMinor: 450,
        supplier: 'E2E Pharma',
      });
      await command('pharmacist', 'inventory/set-stock-levels', {
        itemId: ids['item'],
        locationId: ids['pharmacy'],
        reorderLevel: 10,
      });
    });
  },

  care: ({ expect, command, attempt, ids, audited, hospitalId }) => {
    // Stock goes to a patient only during an open stay, and the scenario's own patient has been
    // discharged by now (the admissions part): a second patient is admitted to a ward of its own
    // (so the admissions part's ward and beds read as it left them) and stays in.
    it('admits a second patient, whom the pharmacy supplies', async () => {
      const wardId = String(
        (await command('admin', 'admissions/define-ward', { name: 'Ward P', specialty: 'medical' })).body['id'],
      );
      const bedId = String((await command('admin', 'admissions/add-bed', { wardId, label: 'P-1' })).body['id']);
      ids['stockPatient'] = String(
        (
          await command('front_desk', 'patients/register-patient', {
            givenName: 'Pharmaca',
            familyName: `Stockwell${Date.now() % 100000}`,
            birthDate: '1964-09-10',
            sex: 'female',
          })
        ).body['id'],
      );
      ids['stockStay'] = String(
        (await command('front_desk', 'admissions/request-admission', { patientId: ids['stockPatient'], wardId })).body[
          'id'
        ],
      );
      const planned = await attempt(
        'nurse',
        'inventory/issue-stock',
        {
          itemId: ids['item'],
          locationId: ids['pharmacy'],
          quantity: 1,
          destination: 'patient',
          patientId: ids['stockPatient'],
          stayId: ids['stockStay'],
        },
        { witness: 'pharmacist' },
      );
      expect(planned.status).to.equal(409);
      expect(planned.body).to.include({ rule: 'stay-not-open', stayStatus: 'planned' });
      await command('nurse', 'admissions/admit-patient', {
        stayId: ids['stockStay'],
        patientId: ids['stockPatient'],
        bedId,
      });
    });

    it('issues to the patient’s stay with a witness; refuses no witness, herself as witness, and more than the stock', async () => {
      const issue = {
        itemId: ids['item'],
        locationId: ids['pharmacy'],
        quantity: 2,
        destination: 'patient',
        patientId: ids['stockPatient'],
        stayId: ids['stockStay'],
      };
      const unwitnessed = await attempt('nurse', 'inventory/issue-stock', issue);
      expect(unwitnessed.status).to.equal(409);
      expect(unwitnessed.body).to.include({ rule: 'witness-required' });
      const ownWitness = await attempt('nurse', 'inventory/issue-stock', issue, { witness: 'nurse' });
      expect(ownWitness.status).to.equal(409);
      expect(ownWitness.body).to.include({ rule: 'witness-is-issuer' });
      ids['issuedAt'] = new Date().toISOString();
      await command('nurse', 'inventory/issue-stock', issue, { witness: 'pharmacist' });
      const tooMany = await attempt(
        'nurse',
        'inventory/issue-stock',
        { ...issue, quantity: 99 },
        { witness: 'pharmacist' },
      );
      expect(tooMany.status).to.equal(409);
      expect(tooMany.body).to.include({ rule: 'insufficient-stock' });
    });

    it('corrects the item’s name at the revision it was read at (If-Match)', async () => {
      const change = { itemId: ids['item'], name: 'Morphine sulfate 10 mg/ml ampoule' };
      const updated = await command('pharmacist', 'inventory/update-item', change, {
        ifMatch: Number(ids['itemRevision']),
      });
      expect(updated.body['events']).to.deep.equal(['inventory.ItemUpdated']);
      const stale = await attempt(
        'pharmacist',
        'inventory/update-item',
        { ...change, packSize: 5 },
        {
          ifMatch: Number(ids['itemRevision']),
        },
      );
      expect(stale.status).to.equal(412);
    });

    it('transfers to the ward’s store, received short with a reason', async () => {
      ids['wardStore'] = String(
        (
          await command('storekeeper', 'inventory/define-location', {
            code: 'WS',
            name: 'Ward store',
            kind: 'ward_store',
            wardId: ids['ward'],
          })
        ).body['id'],
      );
      const dispatched = await command('storekeeper', 'inventory/dispatch-transfer', {
        itemId: ids['item'],
        fromLocationId: ids['pharmacy'],
        toLocationId: ids['wardStore'],
        quantity: 10,
      });
      ids['transfer'] = String(dispatched.body['id']);
      await command('storekeeper', 'inventory/receive-transfer', {
        transferId: ids['transfer'],
        lots: [],
        discrepancyReason: 'the box did not arrive',
      });
      await command('storekeeper', 'inventory/sweep-expiry', { itemId: ids['item'], locationId: ids['pharmacy'] });
      audited.push(
        {
          stream: `stock-${hospitalId()}.${ids['pharmacy']}.${ids['item']}`,
          types: [
            'inventory.StockReceived',
            'inventory.StockIssuedToPatient',
            'inventory.StockDispatched',
            'inventory.StockFellBelowReorderLevel',
          ],
        },
        { stream: `item-${hospitalId()}.${ids['item']}`, types: ['inventory.ItemDefined', 'inventory.ItemUpdated'] },
        {
          stream: `transfer-${hospitalId()}.${ids['transfer']}`,
          types: ['inventory.TransferDispatched', 'inventory.TransferReceived'],
        },
      );
    });
  },

  reads: ({ expect, read, ids }) => {
    it('reads stock on hand, the ledger, the transfer and the patient’s consumption', async () => {
      const stock = await read('pharmacist', `inventory/stock?locationId=${ids['pharmacy']}`);
      expect(stock['items']).to.have.length(1);
      expect((stock['items'] as Record<string, unknown>[])[0]).to.include({
        onHand: 8,
        valueMinor: 8 * 450,
        belowReorderLevel: true,
      });
      const ledger = await read('storekeeper', `inventory/ledger?locationId=${ids['pharmacy']}&itemId=${ids['item']}`);
      expect(
        (ledger['items'] as { movement: string; balanceAfter: number }[]).map((l) => [l.movement, l.balanceAfter]),
      ).to.deep.equal([
        ['received', 20],
        ['issued_to_patient', 18],
        ['dispatched', 8],
      ]);
      const transfers = await read('storekeeper', 'inventory/transfers?status=received');
      expect(
        (transfers['items'] as Record<string, unknown>[]).find((t) => t['transferId'] === ids['transfer']),
      ).to.include({
        receivedQuantity: 0,
        discrepancyQuantity: 10,
      });
      const consumption = await read('billing_clerk', `inventory/consumption/patients/${ids['stockPatient']}`);
      expect(consumption['items']).to.deep.equal([
        { itemId: ids['item'], quantity: 2, valueMinor: 900, currency: 'EUR', issues: 1 },
      ]);
    });
  },

  audit: ({ expect, read, ids, hospitalId }) => {
    it('folds the pharmacy’s stock as of a time: before the issue 20 ampoules, now 8', async () => {
      const stream = `stock-${hospitalId()}.${ids['pharmacy']}.${ids['item']}`;
      const before = await read('auditor', `audit/streams/${stream}/state?asOf=${ids['issuedAt']}`);
      expect(before['state']).to.include({ onHand: 20, reorderLevel: 10 });
      const now = await read('auditor', `audit/streams/${stream}/state`);
      expect(now['state']).to.include({ onHand: 8, belowReorderRaised: true });
    });
  },
};
