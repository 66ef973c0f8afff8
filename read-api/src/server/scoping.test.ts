import { expect } from 'chai';
import request from 'supertest';
import { memoryStores, project, type SeededHospital, type Stores, seedHospital, tokens } from '../testing/hospital.js';
import { createReadApp } from './app.js';
import { readRoutes } from './routes.js';

/** Required query strings of routes that have them, chosen to find h1's data. */
const QUERIES: Readonly<Record<string, string>> = {
  wardRoster: 'weekStart=2025-01-20',
  licencesByExpiry: 'status=expiring&asOf=2025-01-15',
  leaveCalendar: 'from=2025-02-01&to=2025-02-28',
  rollingHours: 'until=2025-01-21T00:00:00Z',
};

/** A concrete request for every route, aimed at hospital h1's real data. */
function requestsFor(h: SeededHospital) {
  const values: Record<string, string> = {
    hospitalId: h.hospitalId,
    patientId: h.ada,
    wardId: h.wardId,
    accountId: h.adaStay,
    stayId: h.adaStay,
    orderId: h.labOrderId,
    streamId: `patient-${h.hospitalId}.${h.ada}`,
  };
  return readRoutes.map((route) => ({
    route,
    path:
      route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => values[name] ?? 'x') +
      (QUERIES[route.id] ? `?${QUERIES[route.id]}` : ''),
    body: route.method === 'post' ? { mrn: '00000018' } : undefined,
  }));
}

describe('read API: hospital and role scoping of every route', () => {
  let stores: Stores;
  let h1: SeededHospital;
  let app: ReturnType<typeof createReadApp>;
  const auth = tokens();
  /** Everything of h1 that must never appear in an answer to someone else. */
  let secrets: string[];

  before(async () => {
    stores = memoryStores();
    h1 = await seedHospital(stores, 'h1');
    await project(stores);
    app = createReadApp({ ...stores, auth: auth.auth, consistency: { timeoutMs: 200 } });
    secrets = [
      h1.ada,
      h1.zoe,
      h1.adaStay,
      h1.wardId,
      ...h1.bedIds,
      'Lovelace',
      '00000018',
      'Cardiology',
      h1.staffId,
      'Nightingale',
      h1.labOrderId,
      'L00000001D',
    ];
  });

  /** The body without `instance`: a problem echoes the path the caller sent, which is not h1's data. */
  const told = (res: request.Response) => {
    if (!res.text) return '';
    const { instance: _, ...rest } = JSON.parse(res.text) as Record<string, unknown>;
    return JSON.stringify(rest);
  };

  const send = (method: 'get' | 'post', path: string, token: string | undefined, body?: object) => {
    const req =
      method === 'get'
        ? request(app).get(path)
        : request(app)
            .post(path)
            .send(body ?? {});
    return token ? req.set('Authorization', `Bearer ${token}`) : req;
  };

  it('covers every route with a request that succeeds for h1 with the right token (so 403s below mean something)', async () => {
    for (const { route, path, body } of requestsFor(h1)) {
      const token = await auth.mint(route.roles[0]!, ['h1']);
      const res = await send(route.method, path, token, body);
      expect(res.status, `${route.method} ${path}`).to.equal(200);
    }
  });

  it('answers 403 to a token for another hospital, with the right role, leaking nothing of h1', async () => {
    for (const { route, path, body } of requestsFor(h1)) {
      const token = await auth.mint(route.roles[0]!, ['h2']);
      const res = await send(route.method, path, token, body);
      expect(res.status, `${route.method} ${path}`).to.equal(403);
      for (const secret of secrets) expect(told(res), `${route.id} leaks`).to.not.include(secret);
    }
  });

  it('leaks nothing of h1 when an h2 token asks its own hospital for h1’s ids (lists, search, audit, errors)', async () => {
    for (const { route, path, body } of requestsFor(h1)) {
      const token = await auth.mint(route.roles[0]!, ['h2']);
      const own = path.replace('/hospitals/h1/', '/hospitals/h2/');
      const res = await send(route.method, own, token, body);
      expect([200, 404], `${route.method} ${own}`).to.include(res.status);
      for (const secret of secrets) expect(told(res), `${route.id} leaks ${secret}`).to.not.include(secret);
    }
    const search = await send('get', '/hospitals/h2/patients/search?mrn=00000018', await auth.mint('nurse', ['h2']));
    expect(search.body).to.deep.equal({ items: [], nextCursor: null });
  });

  it('refuses other roles (403) and missing tokens (401) on every route', async () => {
    for (const { route, path, body } of requestsFor(h1)) {
      const wrongRole = route.roles.includes('auditor') ? 'nurse' : 'auditor';
      const res = await send(route.method, path, await auth.mint(wrongRole, ['h1']), body);
      expect(res.status, `${wrongRole} ${route.method} ${path}`).to.equal(403);
      for (const secret of secrets) expect(told(res)).to.not.include(secret);
      const anonymous = await send(route.method, path, undefined, body);
      expect(anonymous.status).to.equal(401);
    }
  });
});
