import { expect } from 'chai';
import { readerRoleFor } from './reader-role.js';

describe('bench: the role a freshness read is made as', () => {
  it('reads the staff directory as the HR admin who wrote it, not as a nurse (who is refused)', () => {
    expect(readerRoleFor('/hospitals/h1/hr/staff', 'hr_admin')).to.equal('hr_admin');
  });

  it('reads a hospital profile as a role the route admits when the writer is not one', () => {
    expect(readerRoleFor('/hospitals/h1/profile', 'nurse')).to.equal('admin');
    expect(readerRoleFor('/hospitals/h1/profile', 'platform_admin')).to.equal('platform_admin');
  });

  it('ignores the query string', () => {
    expect(readerRoleFor('/hospitals/h1/hr/staff?limit=5', 'ward_manager')).to.equal('ward_manager');
  });

  it('names a path no read route answers', () => {
    expect(() => readerRoleFor('/hospitals/h1/nowhere', 'nurse')).to.throw(/no read route answers GET/);
  });
});
