import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect } from 'chai';
import type { Express } from 'express';
import request from 'supertest';
import { createReadApp } from '../server/app.js';
import { readRoutes } from '../server/routes.js';
import { memoryStores, project, type SeededHospital, type Stores, seedHospital, tokens } from '../testing/hospital.js';

type Layer = { route?: { path: string; methods: Record<string, boolean> } };

/** Method and OpenAPI path of every route Express actually has. */
function registeredRoutes(app: Express): string[] {
  const stack = (app as unknown as { router: { stack: Layer[] } }).router.stack;
  return stack
    .filter((layer) => layer.route)
    .flatMap((layer) =>
      Object.keys(layer.route!.methods).map(
        (method) => `${method} ${layer.route!.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`,
      ),
    )
    .sort();
}

type Doc = {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >;
  components: { schemas: { Problem: object } };
};

describe('read API: OpenAPI 3.1 document', () => {
  let stores: Stores;
  let h: SeededHospital;
  let app: Express;
  let doc: Doc;
  const auth = tokens();
  const ajv = new Ajv2020({ strict: false, allErrors: true });

  before(async () => {
    stores = memoryStores();
    h = await seedHospital(stores, 'h1');
    await project(stores);
    app = createReadApp({ ...stores, auth: auth.auth });
    doc = (await request(app).get('/openapi.json').expect(200)).body as Doc;
  });

  it('is OpenAPI 3.1 and documents every registered route, and nothing else', () => {
    expect((doc as unknown as { openapi: string }).openapi).to.equal('3.1.0');
    const documented = Object.entries(doc.paths)
      .flatMap(([path, item]) => Object.keys(item).map((method) => `${method} ${path}`))
      .sort();
    expect(documented).to.deep.equal(registeredRoutes(app));
  });

  it('lists each route’s roles and its query parameters from the validating schema', () => {
    const search = doc.paths['/hospitals/{hospitalId}/patients/search']!['get'] as unknown as {
      'x-roles': string[];
      parameters: { name: string; in: string }[];
    };
    expect(search['x-roles']).to.deep.equal(['front_desk', 'nurse', 'physician']);
    const query = search.parameters.filter((p) => p.in === 'query').map((p) => p.name);
    expect(query).to.include.members(['mrn', 'name', 'birthDate', 'sort', 'cursor', 'limit', 'after']);
  });

  it('has responses that match their documented shapes (ajv, JSON Schema 2020-12)', async () => {
    const values: Record<string, string> = {
      hospitalId: 'h1',
      patientId: h.ada,
      wardId: h.wardId,
      accountId: h.adaStay,
      stayId: h.adaStay,
      orderId: h.labOrderId,
      streamId: `patient-h1.${h.ada}`,
    };
    for (const route of readRoutes) {
      const path = route.path.replace(/:([A-Za-z]+)/g, (_, name: string) => values[name]!);
      const token = await auth.mint(route.roles[0]!, ['h1']);
      const req = route.method === 'get' ? request(app).get(path) : request(app).post(path).send({ name: 'ada' });
      const res = await req.set('Authorization', `Bearer ${token}`);
      expect(res.status, route.id).to.equal(200);
      const openApiPath = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      const schema = doc.paths[openApiPath]![route.method]!.responses['200']!.content!['application/json']!.schema;
      const validate = ajv.compile(schema);
      expect(validate(res.body), `${route.id}: ${JSON.stringify(validate.errors)}`).to.equal(true);
    }
  });

  it('documents problems with the shape the server sends', async () => {
    const validate = ajv.compile(doc.components.schemas.Problem);
    const token = await auth.mint('nurse', ['h1']);
    for (const [path, status] of [
      ['/hospitals/h1/patients/search?$where=1', 400],
      ['/hospitals/h1/patients/nobody', 404],
      ['/hospitals/h2/census', 403],
    ] as const) {
      const res = await request(app).get(path).set('Authorization', `Bearer ${token}`);
      expect(res.status).to.equal(status);
      expect(validate(res.body), JSON.stringify(validate.errors)).to.equal(true);
    }
  });

  it('catches a response that does not match (the check can fail)', () => {
    const schema =
      doc.paths['/hospitals/{hospitalId}/census']!['get']!.responses['200']!.content!['application/json']!.schema;
    expect(ajv.compile(schema)({ wards: [{ wardId: 1 }] })).to.equal(false);
  });
});
