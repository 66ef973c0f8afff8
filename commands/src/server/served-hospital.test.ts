import { MemoryEventStore, StoreUnavailable } from '@chartline/infra';
import { expect } from 'chai';
import request from 'supertest';
import { admissionsModule } from '../admissions/index.js';
import { hospitalsModule } from '../hospitals/index.js';
import { commandHarness } from './testing/harness.js';
import { servedHospitalScenario } from './testing/served-hospital-scenario.js';

describe('command API refuses tokens of hospitals not served: embedded adapters (memory)', () => {
  servedHospitalScenario(
    () => commandHarness({ modules: [hospitalsModule, admissionsModule], checkHospitals: true }),
    () => 'h1',
  );

  it('answers 503 with Retry-After when the hospital’s status cannot be read, and caches no answer', async () => {
    const store = new MemoryEventStore();
    let down = true;
    const flaky = new Proxy(store, {
      get(target, prop, receiver) {
        if (prop === 'readStream' && down) return () => Promise.reject(new StoreUnavailable('connection refused'));
        return Reflect.get(target, prop, receiver);
      },
    });
    const h = await commandHarness({
      modules: [hospitalsModule, admissionsModule],
      checkHospitals: true,
      eventStore: flaky,
    });
    const send = async () =>
      request(h.app)
        .post('/hospitals/h1/admissions/define-ward')
        .set('Authorization', `Bearer ${await h.token({ role: 'admin' })}`)
        .set('Idempotency-Key', `k-${Math.random()}`)
        .send({ name: 'Ward A', specialty: 'medical' });
    const res = await send();
    expect(res.status).to.equal(503);
    expect(res.headers['retry-after']).to.match(/^\d+$/);
    down = false;
    expect((await send()).body).to.include({ type: '/problems/hospital-not-registered' });
  });
});
