import type { ModuleScenario } from '../../e2e/scenario-context.js';

const POTASSIUM = '2823-3';
const SODIUM = '2951-2';
const ELECTROLYTES = '24326-1';

/**
 * The laboratory's part: a catalogue (two tests with ranges, a panel); the patient's panel ordered
 * stat from the ward, collected, received by its label, resulted (potassium critically high),
 * the critical result acknowledged with read-back, verified, one value corrected; then the
 * worklist, cumulative results, open criticals, the ward's orders and turnaround statistics; after
 * the patient's erasure, the results without their free text.
 */
export const laboratoryScenario: ModuleScenario = {
  setUp: ({ command }) => {
    it('defines potassium and sodium with reference ranges, and an electrolytes panel', async () => {
      for (const [testCode, name, low, high, criticalLow, criticalHigh] of [
        [POTASSIUM, 'Potassium', 3.5, 5.1, 2.5, 6.5],
        [SODIUM, 'Sodium', 135, 145, 120, 160],
      ] as const) {
        await command('lab_supervisor', 'laboratory/define-test', {
          testCode,
          name,
          section: 'chemistry',
          specimenType: 'serum',
          resultKind: 'numeric',
          unit: 'mmol/L',
          turnaroundMinutes: { stat: 45 },
        });
        await command('lab_supervisor', 'laboratory/set-reference-ranges', {
          testCode,
          ranges: [{ sex: 'any', minAgeDays: 0, low, high, criticalLow, criticalHigh }],
        });
      }
      await command('lab_supervisor', 'laboratory/define-panel', {
        panelCode: ELECTROLYTES,
        name: 'Electrolytes panel',
        testCodes: [POTASSIUM, SODIUM],
      });
    });
  },

  care: ({ expect, command, read, attempt, ids, audited, hospitalId }) => {
    it('orders a panel, collects, receives by label, results (a critical potassium), acknowledges, verifies, corrects', async () => {
      const ordered = await command('physician', 'laboratory/order-tests', {
        patientId: ids['patient'],
        panelCode: ELECTROLYTES,
        priority: 'stat',
        wardId: ids['ward'],
      });
      const orderId = String(ordered.body['id']);
      ids['labOrder'] = orderId;
      expect(ordered.body['events']).to.deep.equal(['laboratory.LabTestOrdered', 'laboratory.LabTestOrdered']);
      const order = { orderId };
      await command('nurse', 'laboratory/collect-specimen', order);
      const collected = await read('physician', `laboratory/orders/${orderId}`);
      const accessionNumber = String((collected['order'] as { accessionNumber: string }).accessionNumber);
      expect(accessionNumber).to.match(/^L\d{8}[0-9A-Z]$/);
      // A label misread by one character fails its check character: 400, nothing written.
      const misread = `${accessionNumber.slice(0, -1)}${accessionNumber.endsWith('0') ? '1' : '0'}`;
      expect(
        (await attempt('lab_technician', 'laboratory/receive-specimen', { orderId, accessionNumber: misread })).status,
      ).to.equal(400);
      await command('lab_technician', 'laboratory/receive-specimen', { orderId, accessionNumber });

      const potassium = { orderId, testCode: POTASSIUM };
      const recorded = await command('lab_technician', 'laboratory/record-result', {
        ...potassium,
        valueNumber: 7.1,
        unit: 'mmol/L',
        comment: 'Repeat sample advised',
      });
      expect(recorded.body['events']).to.include('laboratory.LabCriticalResultRaised');
      const wrongUnit = await attempt('lab_technician', 'laboratory/record-result', {
        orderId,
        testCode: SODIUM,
        valueNumber: 3220,
        unit: 'mg/L',
      });
      expect(wrongUnit.status).to.equal(409);
      expect(wrongUnit.body).to.include({ rule: 'unit-mismatch', expectedUnit: 'mmol/L' });
      await command('lab_technician', 'laboratory/record-result', {
        orderId,
        testCode: SODIUM,
        valueNumber: 140,
        unit: 'mmol/L',
      });

      const open = await read('nurse', `laboratory/critical-results?wardId=${ids['ward']}`);
      expect((open['items'] as { orderId: string; flag: string }[]).find((i) => i.orderId === orderId)?.flag).to.equal(
        'critically_high',
      );
      await command('physician', 'laboratory/acknowledge-critical-result', {
        ...potassium,
        notifiedPerson: 'Charge nurse, ward',
        readBack: true,
      });
      // The technician who entered the results may not verify them: their role may not, and a supervisor does.
      expect((await attempt('lab_technician', 'laboratory/verify-result', potassium)).status).to.equal(403);
      await command('lab_supervisor', 'laboratory/verify-result', potassium);
      await command('lab_supervisor', 'laboratory/verify-result', { orderId, testCode: SODIUM });
      await command('lab_supervisor', 'laboratory/amend-result', {
        ...potassium,
        kind: 'corrected',
        valueNumber: 5.4,
        unit: 'mmol/L',
        reason: 'Haemolysed sample; value from the repeat',
      });
      audited.push({
        stream: `labOrder-${hospitalId()}.${orderId}`,
        types: [
          'laboratory.LabTestOrdered',
          'laboratory.LabSpecimenCollected',
          'laboratory.LabResultRecorded',
          'laboratory.LabCriticalResultAcknowledged',
          'laboratory.LabResultVerified',
          'laboratory.LabResultAmended',
        ],
      });
    });
  },

  reads: ({ expect, read, ids }) => {
    it('reads the cumulative results, the ward’s orders, open criticals, the worklist and turnaround', async () => {
      const results = await read('physician', `laboratory/patients/${ids['patient']}/results?testCode=${POTASSIUM}`);
      const [potassium] = results['items'] as {
        stage: string;
        result: { valueNumber: number; flag: string };
        superseded: { valueNumber: number; flag: string }[];
        comment: string;
      }[];
      expect(potassium?.stage, JSON.stringify(results)).to.equal('corrected');
      expect(potassium?.result).to.include({ valueNumber: 5.4, flag: 'high' });
      expect(potassium?.superseded.map((s) => [s.valueNumber, s.flag])).to.deep.equal([[7.1, 'critically_high']]);
      expect(potassium?.comment).to.equal('Repeat sample advised');
      const ward = await read('nurse', `laboratory/wards/${ids['ward']}/orders`);
      const order = (ward['items'] as { orderId: string; status: string; criticalOpen: boolean }[]).find(
        (o) => o.orderId === ids['labOrder'],
      );
      expect(order).to.include({ status: 'final', criticalOpen: false });
      const open = await read('physician', 'laboratory/critical-results');
      expect((open['items'] as { orderId: string }[]).map((i) => i.orderId)).not.to.include(ids['labOrder']);
      const worklist = await read('lab_technician', 'laboratory/worklist?section=chemistry');
      expect((worklist['items'] as { orderId: string }[]).map((i) => i.orderId)).not.to.include(ids['labOrder']);
      const turnaround = await read('lab_supervisor', 'laboratory/turnaround');
      const stat = (turnaround['items'] as { testCode: string; priority: string; count: number }[]).find(
        (i) => i.testCode === POTASSIUM && i.priority === 'stat',
      );
      expect(stat?.count).to.be.at.least(1);
    });
  },

  erasure: ({ expect, read, attempt, ids }) => {
    it('after the patient’s erasure, their lab results keep values and flags but no free text', async () => {
      // Where the laboratory's process manager runs (the embedded start) it has already recorded
      // the erasure in the lab; where it does not (these separate processes), the admin sends it.
      const sent = await attempt('admin', 'laboratory/erase-patient-lab-data', { patientId: ids['patient'] });
      if (sent.status === 409) expect(sent.body).to.include({ rule: 'lab-patient-data-already-erased' });
      else expect(sent.status, JSON.stringify(sent.body)).to.be.within(200, 201);
      const path = `laboratory/patients/${ids['patient']}/results?testCode=${POTASSIUM}`;
      type Item = { comment: string | null; result: { valueNumber: number; flag: string } };
      const deadline = Date.now() + 30_000;
      let potassium: Item | undefined;
      for (;;) {
        potassium = ((await read('physician', path))['items'] as Item[])[0];
        if (potassium?.comment !== 'Repeat sample advised' || Date.now() > deadline) break;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(potassium?.comment).to.equal('[erased]');
      expect(potassium?.result).to.include({ valueNumber: 5.4, flag: 'high' });
    });
  },
};
