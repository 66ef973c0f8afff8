import { expect } from 'chai';
import express from 'express';
import request from 'supertest';
import { StoreUnavailable } from '../eventstore/errors.js';
import { DependencyUnavailable } from './dependency.js';
import { notFoundHandler, problemHandler } from './error-handler.js';
import { conflict } from './problem.js';

describe('problem handler', () => {
  const logged: Record<string, unknown>[] = [];
  const app = express();
  app.get('/bug', () => {
    throw new Error('patient Ada Lovelace born 1815-12-10 broke it');
  });
  app.get('/store-down', () => {
    throw new StoreUnavailable('connect ECONNREFUSED 10.0.0.5:5432');
  });
  app.get('/redis-down', () => {
    throw new DependencyUnavailable('idempotency store (Redis)');
  });
  app.get('/rule', () => {
    throw conflict('rule-violation', 'The bed is not free.', { rule: 'bed-not-free' });
  });
  app.use(notFoundHandler);
  app.use(problemHandler({ error: (fields) => logged.push(fields) }));

  it('turns an unexpected error into a bare 500: no message, no stack, logged by error name only', async () => {
    const res = await request(app).get('/bug?x=1').set('X-Request-Id', 'r-1');
    expect(res.status).to.equal(500);
    expect(res.body).to.deep.equal({
      type: '/problems/internal-error',
      title: 'Internal server error',
      status: 500,
      detail: 'The request could not be completed.',
      instance: '/bug',
    });
    expect(JSON.stringify(logged)).not.to.match(/Ada|1815/);
    expect(logged.at(-1)).to.deep.include({ errorName: 'Error', status: 500 });
  });

  it('503 with Retry-After for the event store or another dependency, without the cause’s text', async () => {
    for (const path of ['/store-down', '/redis-down']) {
      const res = await request(app).get(path);
      expect(res.status).to.equal(503);
      expect(res.headers['retry-after']).to.equal('5');
      expect(JSON.stringify(res.body)).not.to.contain('10.0.0.5');
    }
  });

  it('keeps a problem’s extensions (the rule of a 409) and answers unknown routes with 404', async () => {
    const rule = await request(app).get('/rule');
    expect(rule.status).to.equal(409);
    expect(rule.headers['content-type']).to.match(/^application\/problem\+json/);
    expect(rule.body).to.include({ rule: 'bed-not-free', detail: 'The bed is not free.' });
    expect((await request(app).get('/nothing')).body).to.include({ status: 404, type: '/problems/not-found' });
  });
});
