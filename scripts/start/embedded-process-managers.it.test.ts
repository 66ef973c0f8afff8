import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { registerHospital } from '../seed/demo-hospitals.js';
import { type EmbeddedChartline, startEmbedded } from './embedded.js';

/** The process managers run in the embedded start too: the behaviour exists without any server. */
describe('embedded start: process managers run in-process', () => {
  const H = 'h-pm';
  let dataDir: string;
  let chartline: EmbeddedChartline;
  let n = 0;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'chartline-pm-'));
    chartline = await startEmbedded({ dataDir, commandPort: 0, readPort: 0, log: () => {} });
    await registerHospital(chartline.commandUrl, chartline.mint, H);
  });
  after(async () => {
    await chartline?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function send(role: string, path: string, body: object): Promise<{ id: string }> {
    const token = await chartline.mint({ sub: role, role, hospitals: [H] });
    const res = await fetch(`${chartline.commandUrl}/hospitals/${H}/${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `k-${n++}` },
      body: JSON.stringify(body),
    });
    expect(res.status, `${path}: ${await res.clone().text()}`).to.be.within(200, 201);
    return (await res.json()) as { id: string };
  }

  it('a death recorded over HTTP discharges the patient’s stay (reason death) without anyone sending the discharge', async () => {
    const ward = await send('admin', 'admissions/define-ward', { name: 'Ward 9', specialty: 'medical' });
    const bed = await send('admin', 'admissions/add-bed', { wardId: ward.id, label: '9-1' });
    const patient = await send('front_desk', 'patients/register-patient', {
      givenName: 'Ada',
      familyName: 'Lovelace',
      birthDate: '1815-12-10',
      sex: 'female',
    });
    const stay = await send('front_desk', 'admissions/request-admission', { patientId: patient.id, wardId: ward.id });
    await send('nurse', 'admissions/admit-patient', { stayId: stay.id, patientId: patient.id, bedId: bed.id });
    await send('physician', 'patients/record-death', { patientId: patient.id, diedAt: new Date().toISOString() });

    const deadline = Date.now() + 10_000;
    let discharged: Awaited<ReturnType<typeof chartline.store.readAll>> = [];
    while (Date.now() < deadline && discharged.length === 0) {
      discharged = (await chartline.store.readAll()).filter((e) => e.type === 'admissions.PatientDischarged');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(discharged, 'the stay was discharged').to.have.length(1);
    expect(discharged[0]!.data).to.deep.include({
      stayId: stay.id,
      bedId: bed.id,
      reason: 'death',
      disposition: 'exp',
    });
    expect(discharged[0]!.metadata['actor']).to.deep.equal({
      id: 'process-manager:admissions.discharge-on-death',
      role: 'process_manager',
    });
  });

  it('a patient erased over HTTP: the laboratory records it and its views drop the result comment, without anyone sending it', async () => {
    const patient = await send('front_desk', 'patients/register-patient', {
      givenName: 'Grace',
      familyName: 'Hopper',
      birthDate: '1906-12-09',
      sex: 'female',
    });
    await send('lab_supervisor', 'laboratory/define-test', {
      testCode: '2823-3',
      name: 'Potassium',
      section: 'chemistry',
      specimenType: 'serum',
      resultKind: 'numeric',
      unit: 'mmol/L',
    });
    const order = await send('physician', 'laboratory/order-tests', {
      patientId: patient.id,
      testCode: '2823-3',
      priority: 'routine',
    });
    await send('nurse', 'laboratory/collect-specimen', { orderId: order.id });
    await send('lab_technician', 'laboratory/receive-specimen', { orderId: order.id });
    await send('lab_technician', 'laboratory/record-result', {
      orderId: order.id,
      testCode: '2823-3',
      valueNumber: 4.2,
      unit: 'mmol/L',
      comment: 'Drawn above the drip',
    });
    await send('admin', 'patients/erase-patient-personal-data', {
      patientId: patient.id,
      legalBasis: 'patient_request',
    });

    const deadline = Date.now() + 10_000;
    let erased: Awaited<ReturnType<typeof chartline.store.readAll>> = [];
    while (Date.now() < deadline && erased.length === 0) {
      erased = (await chartline.store.readAll()).filter(
        (e) => e.type === 'laboratory.LabPatientDataErased' && e.data['patientId'] === patient.id,
      );
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(erased, 'the laboratory recorded the erasure').to.have.length(1);
    expect(erased[0]!.metadata['actor']).to.deep.equal({
      id: 'process-manager:laboratory.erase-on-patient-erasure',
      role: 'process_manager',
    });
    const token = await chartline.mint({ sub: 'physician', role: 'physician', hospitals: [H] });
    let comment: unknown;
    while (Date.now() < deadline + 10_000) {
      const res = await fetch(`${chartline.readUrl}/hospitals/${H}/laboratory/patients/${patient.id}/results`, {
        headers: { authorization: `Bearer ${token}`, 'x-consistency-token': String(erased[0]!.position) },
      });
      comment = ((await res.json()) as { items: { comment: unknown }[] }).items[0]?.comment;
      if (comment === '[erased]') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(comment).to.equal('[erased]');
  });
});
