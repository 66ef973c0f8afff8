import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { MemoryEventStore } from '../eventstore/memory/memory-event-store.js';
import { accessGrantsFromEventStore, type GrantedRoles, narrowToGrants } from './access-grants.js';
import { problemHandler } from './error-handler.js';
import { requireRole } from './guards.js';

const fold = (events: readonly { type: string; data: unknown }[]): GrantedRoles => ({
  governed: events.length > 0,
  roles: events.flatMap((e) => (e.type === 'grant' ? [String((e.data as { role: string }).role)] : [])),
});

/** An app whose principal comes from headers, so the grants check is exercised alone. */
function appWith(granted: (h: string, s: string) => Promise<GrantedRoles>) {
  const app = express();
  app.get(
    '/hospitals/:hospitalId/thing',
    (req, res, next) => {
      const roles = String(req.header('x-roles')).split(',');
      res.locals['principal'] = { id: String(req.header('x-sub')), role: roles[0], roles, hospitals: ['h1'] };
      next();
    },
    narrowToGrants({ granted }),
    requireRole(['ward_manager']),
    (_req, res) => {
      res.json({ role: res.locals['principal'].role, roles: res.locals['principal'].roles });
    },
  );
  app.use(problemHandler());
  return app;
}

describe('access grants narrow a token’s roles', () => {
  const get = (app: express.Express, sub: string, roles: string) =>
    request(app).get('/hospitals/h1/thing').set('x-sub', sub).set('x-roles', roles);

  it('leaves a subject HR does not govern as the token says', async () => {
    const res = await get(
      appWith(async () => ({ governed: false, roles: [] })),
      'u',
      'ward_manager,nurse',
    );
    expect(res.body).to.deep.equal({ role: 'ward_manager', roles: ['ward_manager', 'nurse'] });
  });

  it('cuts a governed subject’s roles to those granted; a revoked role is 403 role-revoked', async () => {
    const granted = async () => ({ governed: true, roles: ['nurse', 'ward_manager'] });
    expect((await get(appWith(granted), 'u', 'ward_manager,hr_admin')).body.roles).to.deep.equal(['ward_manager']);
    const revoked = await get(
      appWith(async () => ({ governed: true, roles: ['nurse'] })),
      'u',
      'ward_manager,nurse',
    );
    expect(revoked.status).to.equal(403);
    expect(revoked.body).to.include({ type: '/problems/role-revoked' });
    expect(revoked.body.revokedRoles).to.deep.equal(['ward_manager']);
  });

  it('refuses a governed subject with nothing granted: 403 access-not-granted', async () => {
    const res = await get(
      appWith(async () => ({ governed: true, roles: [] })),
      'u',
      'ward_manager',
    );
    expect(res.status).to.equal(403);
    expect(res.body.type).to.equal('/problems/access-not-granted');
  });

  it('reads the subject’s stream from the event store, reuses it for the TTL, then reads again', async () => {
    const store = new MemoryEventStore();
    const source = accessGrantsFromEventStore(store, {
      streamOf: (h, s) => (s.includes('@') ? undefined : `staffAccess-${h}.${s}`),
      fold,
      ttlMs: 50,
    });
    expect(await source.granted('h1', 'ann')).to.deep.equal({ governed: false, roles: [] });
    expect(await source.granted('h1', 'ann@example.org')).to.deep.equal({ governed: false, roles: [] });
    const event = (type: string, role: string) => ({
      eventId: crypto.randomUUID(),
      type,
      data: { role },
      metadata: {},
    });
    await store.append('staffAccess-h1.ann', [event('grant', 'nurse')] as never, 'no_stream');
    expect((await source.granted('h1', 'ann')).governed, 'within the TTL: the cached answer').to.equal(false);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(await source.granted('h1', 'ann')).to.deep.equal({ governed: true, roles: ['nurse'] });
  });
});
