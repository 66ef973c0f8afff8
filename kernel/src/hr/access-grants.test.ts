import { expect } from 'chai';
import { accessGrantsFrom, accessStreamOf } from './access-grants.js';

describe('HR access grants as the APIs read them', () => {
  const linked = { type: 'hr.AccessSubjectLinked', data: { userId: 'ann', staffId: 's1' } };
  const grant = (role: string) => ({ type: 'hr.AccessRoleGranted', data: { role } });
  const revoke = (role: string) => ({ type: 'hr.AccessRoleRevoked', data: { role } });

  it('an unlinked subject is not governed; linked with no grant it is governed with no role', () => {
    expect(accessGrantsFrom([])).to.deep.equal({ governed: false, roles: [] });
    expect(accessGrantsFrom([linked])).to.deep.equal({ governed: true, roles: [] });
  });

  it('grants and revocations fold in order', () => {
    expect(accessGrantsFrom([linked, grant('nurse'), grant('ward_manager'), revoke('nurse')]).roles).to.deep.equal([
      'ward_manager',
    ]);
    expect(accessGrantsFrom([linked, grant('nurse'), grant('nurse')]).roles).to.deep.equal(['nurse']);
  });

  it('names the access stream only for subjects HR could link (no e-mail, no whitespace)', () => {
    expect(accessStreamOf('h1', 'ann-1')).to.equal('staffAccess-h1.ann-1');
    expect(accessStreamOf('h1', 'ann@example.org')).to.equal(undefined);
    expect(accessStreamOf('h1', 'a b')).to.equal(undefined);
    expect(accessStreamOf('h.1', 'ann')).to.equal(undefined);
  });
});
