import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { type InProcessChartline, startInProcessChartline } from './in-process-chartline.js';

/** Values no log line may contain, in any spelling the system might produce. */
const patient = {
  givenName: 'Quillonyx',
  familyName: 'Vandersnoot',
  birthDate: '1937-07-19',
  sex: 'female',
  nationalId: 'ZX-4471-9023-QP',
  phone: '+44 7700 900417',
};
const forbidden = [
  patient.givenName,
  patient.familyName,
  patient.birthDate,
  patient.nationalId,
  '4471-9023',
  '19370719',
];

describe('no personal data in logs (command flow through the in-process system, logger at debug)', () => {
  const lines: string[] = [];
  let chartline: InProcessChartline;
  before(async () => {
    chartline = await startInProcessChartline({
      write: (chunk: string) => {
        lines.push(...chunk.split('\n').filter(Boolean));
      },
    });
  });
  after(() => chartline?.stop());

  it('registers, reads back and searches a patient, then finds none of their identifiers in any log line', async () => {
    const hospitalId = `h-${uuidv7()}`;
    const clerk = await chartline.mint({ sub: 'clerk', role: 'front_desk', hospitals: [hospitalId] });
    const doctor = await chartline.mint({ sub: 'dr', role: 'physician', hospitals: [hospitalId] });
    const registered = await request(chartline.commandApp)
      .post(`/hospitals/${hospitalId}/patients/register-patient`)
      .set('Authorization', `Bearer ${clerk}`)
      .set('Idempotency-Key', uuidv7())
      .send(patient);
    expect(registered.status, JSON.stringify(registered.body)).to.equal(201);
    const patientId = registered.body.id as string;
    const token = registered.headers['x-consistency-token'];

    const summary = await request(chartline.readApp)
      .get(`/hospitals/${hospitalId}/patients/${patientId}?after=${token}`)
      .set('Authorization', `Bearer ${doctor}`);
    expect(summary.status, JSON.stringify(summary.body)).to.equal(200);
    // The read really returned the person: so the absence below is redaction, not an empty flow.
    expect(JSON.stringify(summary.body)).to.include(patient.familyName);

    const search = await request(chartline.readApp)
      .get(`/hospitals/${hospitalId}/patients/search`)
      .query({ name: patient.familyName, birthDate: patient.birthDate })
      .set('Authorization', `Bearer ${doctor}`);
    expect(search.status, JSON.stringify(search.body)).to.equal(200);

    // Failure paths log too: a refused body (bad birth date next to the names) and a bad token.
    await request(chartline.commandApp)
      .post(`/hospitals/${hospitalId}/patients/register-patient`)
      .set('Authorization', `Bearer ${clerk}`)
      .set('Idempotency-Key', uuidv7())
      .send({ ...patient, birthDate: `${patient.birthDate}x` })
      .expect((res) => expect(res.status).to.be.within(400, 499));
    await request(chartline.readApp)
      .get(`/hospitals/${hospitalId}/patients/${patientId}`)
      .set('Authorization', `Bearer ${clerk}x`)
      .expect(401);

    // Wait for the pipeline's own debug lines (relay and projector batches).
    expect(lines.some((l) => l.includes('batch applied'))).to.equal(true);
    expect(lines.filter((l) => l.includes('"msg":"request"')).length).to.be.at.least(4);
    for (const line of lines) {
      for (const value of forbidden) expect(line, `log line leaks ${value}`).not.to.include(value);
      expect(line).not.to.match(/Bearer|eyJ[A-Za-z0-9_-]{10,}/);
    }
  });
});
