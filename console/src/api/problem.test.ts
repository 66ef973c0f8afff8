import { expect } from 'chai';
import { readProblem } from './problem.js';

describe('console: problems as people read them', () => {
  it('puts a refused rule next to the field it concerns, in the hospital’s words', () => {
    const r = readProblem({ status: 409, type: '/problems/bed-not-free', title: 'Refused', rule: 'bed-not-free' });
    expect(r.fields['bedId']).to.match(/not free/);
    expect(r.summary).to.match(/beside the marked field/);
  });

  it('puts each invalid body field beside its input', () => {
    const r = readProblem({
      status: 400,
      type: '/problems/invalid',
      title: 'Invalid',
      errors: [{ field: 'body.birthDate', message: 'must be a date (YYYY-MM-DD)' }],
    });
    expect(r.fields).to.deep.equal({ birthDate: 'must be a date (YYYY-MM-DD)' });
  });

  it('puts a module’s rule beside its field in the API’s own words (the read-back of a critical result)', () => {
    const r = readProblem({
      status: 409,
      type: '/problems/read-back-not-confirmed',
      title: 'Refused',
      detail: 'A critical result is acknowledged only after the person told read the value back.',
      rule: 'read-back-not-confirmed',
    });
    expect(r.fields).to.deep.equal({
      readBack: 'A critical result is acknowledged only after the person told read the value back.',
    });
    expect(r.summary).to.match(/beside the marked field/);
  });

  it('puts every witness refusal beside the Witness control, the 403s of the witness’s token included', () => {
    for (const [status, rule] of [
      [409, 'witness-required'],
      [409, 'witness-is-issuer'],
      [400, 'invalid-witness-authorization'],
      [403, 'witness-not-authenticated'],
      [403, 'witness-hospital-not-allowed'],
      [403, 'witness-role-not-allowed'],
    ] as const) {
      const r = readProblem({ status, type: `/problems/${rule}`, title: 'Refused', detail: `why ${rule}`, rule });
      expect(r.fields, rule).to.deep.equal({ witness: `why ${rule}` });
      expect(r.summary, rule).to.match(/beside the marked field/);
    }
  });

  it('a 403 without a witness rule still says the sender’s role may not do this', () => {
    const r = readProblem({ status: 403, type: '/problems/forbidden', title: 'Forbidden', rule: 'role-not-allowed' });
    expect(r.fields).to.deep.equal({});
    expect(r.summary).to.match(/Your role may not/);
  });

  it('an unknown rule still reads as the API’s detail', () => {
    const r = readProblem({ status: 409, type: '/problems/x', title: 'Refused', detail: 'Some new rule', rule: 'x-y' });
    expect(r.summary).to.equal('Some new rule');
  });

  it('says what to do on an expired session, a 503 and a 412', () => {
    expect(readProblem({ status: 401, type: '/problems/unauthorized', title: 'x' })).to.include({
      sessionExpired: true,
    });
    expect(readProblem({ status: 503, type: '/problems/views-behind', title: 'x' }).action).to.match(/Try again/);
    expect(readProblem({ status: 412, type: '/problems/precondition', title: 'x' }).summary).to.match(/changed/);
  });
});
