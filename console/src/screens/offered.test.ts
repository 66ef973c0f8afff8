import { expect } from 'chai';
import { offered } from './offered.js';

describe('console: the screens a role is offered', () => {
  it('offers the laboratory to clinicians and the bench, stock to the stores and nurses, billing to billing staff', () => {
    expect(offered('lab', 'physician')).to.equal(true);
    expect(offered('lab', 'lab_technician')).to.equal(true);
    expect(offered('lab', 'front_desk')).to.equal(false);
    expect(offered('stock', 'storekeeper')).to.equal(true);
    expect(offered('stock', 'nurse')).to.equal(true);
    expect(offered('stock', 'cashier')).to.equal(false);
    expect(offered('billing', 'cashier')).to.equal(true);
    expect(offered('billing', 'nurse')).to.equal(false);
  });

  it('offers staff (roster, leave) to ward managers, HR and the rostered clinicians, not to the stores', () => {
    expect(offered('hr', 'ward_manager')).to.equal(true);
    expect(offered('hr', 'hr_admin')).to.equal(true);
    expect(offered('hr', 'nurse')).to.equal(true);
    expect(offered('hr', 'storekeeper')).to.equal(false);
  });

  it('offers the screens without a role list to everyone (the APIs still decide)', () => {
    expect(offered('patients', 'storekeeper')).to.equal(true);
    expect(offered('audit', 'nurse')).to.equal(true);
  });
});
