import { expect } from 'chai';
import { may } from './may.js';

describe('what the role picker offers (the APIs’ x-roles)', () => {
  it('offers verification to a lab supervisor only, and result entry to the bench', () => {
    expect(may('lab_supervisor', 'post /hospitals/{hospitalId}/laboratory/verify-result')).to.equal(true);
    expect(may('lab_technician', 'post /hospitals/{hospitalId}/laboratory/verify-result')).to.equal(false);
    expect(may('lab_technician', 'post /hospitals/{hospitalId}/laboratory/record-result')).to.equal(true);
    expect(may('front_desk', 'post /hospitals/{hospitalId}/laboratory/record-result')).to.equal(false);
  });

  it('offers the critical-result acknowledgement to the clinicians who take the call', () => {
    expect(may('physician', 'post /hospitals/{hospitalId}/laboratory/acknowledge-critical-result')).to.equal(true);
    expect(may('nurse', 'post /hospitals/{hospitalId}/laboratory/acknowledge-critical-result')).to.equal(true);
    expect(may('lab_technician', 'post /hospitals/{hospitalId}/laboratory/acknowledge-critical-result')).to.equal(
      false,
    );
  });

  it('offers payments to cashiers and invoices to billing clerks, not the other way round', () => {
    expect(may('cashier', 'post /hospitals/{hospitalId}/billing/take-payment')).to.equal(true);
    expect(may('billing_clerk', 'post /hospitals/{hospitalId}/billing/take-payment')).to.equal(false);
    expect(may('billing_clerk', 'post /hospitals/{hospitalId}/billing/issue-invoice')).to.equal(true);
  });
});
