import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { type InProcessChartline, startInProcessChartline } from './in-process-chartline.js';
import { expectNoPersonalData, personalDataLeaks } from './personal-data-in-logs.js';

/** Values no log line may contain, in any spelling the system might produce. */
const patient = {
  givenName: 'Quillonyx',
  familyName: 'Vandersnoot',
  birthDate: '1937-07-19',
  sex: 'female',
  nationalId: 'ZX-4471-9023-QP',
  phone: '+44 7700 900417',
};
/** A fragment of the national id, in case something splits it. */
const fragments = ['4471-9023'];

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
    expectNoPersonalData(lines, patient, { source: 'the in-process system log', extra: fragments });
  });
});

describe('the personal-data check itself', () => {
  const person = {
    givenName: 'Quillonyx',
    familyName: 'Vandersnoot',
    birthDate: '1937-07-19',
    nationalId: 'ZX-4471-9023-QP',
  };

  it('finds each identifier in any spelling the system produces, and bearer tokens', () => {
    const leaks = personalDataLeaks(
      [
        '{"msg":"request","route":"/hospitals/:hospitalId/patients/search"}',
        '{"key":"vandersnoot quillonyx"}',
        '{"dob":"19370719"}',
        '{"nid":"ZX44719023QP"}',
        'authorization: Bearer abc',
      ],
      person,
    );
    expect(leaks.map((l) => l.split(':')[0])).to.deep.equal([
      'quillonyx',
      'vandersnoot',
      '19370719',
      'zx44719023qp',
      'token',
    ]);
  });

  it('fails naming the leaking line', () => {
    expect(() => expectNoPersonalData('ok\nadmitted Vandersnoot', person, { source: 'relay' })).to.throw(
      /relay leaks personal data.*vandersnoot: admitted Vandersnoot/s,
    );
  });
});
