import { expect } from 'chai';
import express from 'express';
import { Registry } from 'prom-client';
import request from 'supertest';
import { httpMetrics } from './http-metrics.js';

describe('HTTP metrics', () => {
  it('counts every request but times only answers, not server-sent event streams', async () => {
    const registry = new Registry();
    const app = express();
    app.use(httpMetrics(registry, 'read-api'));
    app.get('/hospitals/:hospitalId/wards', (_req, res) => {
      res.json({ items: [] });
    });
    app.get('/hospitals/:hospitalId/bed-board/changes', (_req, res) => {
      res.setHeader('Content-Type', 'text/event-stream');
      res.end('event: ready\ndata: {}\n\n');
    });
    await request(app).get('/hospitals/h1/wards').expect(200);
    await request(app).get('/hospitals/h1/bed-board/changes').expect(200);
    const text = await registry.metrics();
    const count = (metric: string, route: string) =>
      Number(
        new RegExp(`${metric}\\{[^}]*route="${route.replaceAll('/', '\\/')}"[^}]*\\} (\\d+)`).exec(text)?.[1] ?? 0,
      );
    expect(count('http_requests_total', '/hospitals/:hospitalId/wards')).to.equal(1);
    expect(count('http_requests_total', '/hospitals/:hospitalId/bed-board/changes')).to.equal(1);
    expect(count('http_request_duration_seconds_count', '/hospitals/:hospitalId/wards')).to.equal(1);
    expect(count('http_request_duration_seconds_count', '/hospitals/:hospitalId/bed-board/changes')).to.equal(0);
  });
});
