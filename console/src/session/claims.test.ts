import { expect } from 'chai';
import { claimOf } from './claims.js';

const jwt = (payload: object) => `x.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.sig`;

describe('console: token claims', () => {
  it('reads arrays, space-separated strings and dotted paths', () => {
    expect(claimOf(jwt({ hospitals: ['riverside'] }), 'hospitals')).to.deep.equal(['riverside']);
    expect(claimOf(jwt({ roles: 'nurse auditor' }), 'roles')).to.deep.equal(['nurse', 'auditor']);
    expect(claimOf(jwt({ realm_access: { roles: ['auditor'] } }), 'realm_access.roles')).to.deep.equal(['auditor']);
    expect(claimOf('garbage', 'roles')).to.deep.equal([]);
  });
});
