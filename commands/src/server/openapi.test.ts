import { jsonSchemaOf } from '@chartline/infra';
import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import { admissionsModule } from '../admissions/index.js';
import { patientsModule } from '../patients/index.js';
import { commandRoutes } from './app.js';
import { commandHarness } from './testing/harness.js';

type Layer = { route?: { path: string; methods: Record<string, boolean> } };
type Operation = { requestBody?: { content: { 'application/json': { schema: unknown } } }; 'x-roles'?: string[] };

function registered(app: Express): string[] {
  const stack = (app as unknown as { router: { stack: Layer[] } }).router.stack;
  return stack
    .filter((layer) => layer.route)
    .flatMap((layer) =>
      Object.keys(layer.route!.methods).map((m) => `${m} ${layer.route!.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`),
    )
    .sort();
}

describe('command API: /openapi.json', () => {
  const modules = [patientsModule, admissionsModule];

  it('documents every registered route with the body schema that validates it and its roles', async () => {
    const { app } = await commandHarness({ modules });
    const doc = (await request(app).get('/openapi.json').expect(200)).body as {
      openapi: string;
      paths: Record<string, Record<string, Operation>>;
    };
    expect(doc.openapi).to.equal('3.1.0');
    const documented = Object.entries(doc.paths)
      .flatMap(([path, item]) => Object.keys(item).map((m) => `${m} ${path}`))
      .sort();
    expect(documented).to.deep.equal(registered(app));
    for (const route of commandRoutes(modules)) {
      const op = doc.paths[route.path.replace(':hospitalId', '{hospitalId}')]!['post']!;
      expect(op.requestBody!.content['application/json'].schema).to.deep.equal(jsonSchemaOf(route.spec.body, 'input'));
      expect(op['x-roles']).to.deep.equal([...route.spec.roles]);
    }
  });
});
