import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { expect } from 'chai';
import { DEMO_HOSPITALS, type DemoReferences, demoReferences, seedDemoHospitals } from '../seed/demo-hospitals.js';
import { DEMO_ROLES, type EmbeddedChartline, startEmbedded } from '../start/embedded.js';

type Schema = Record<string, unknown>;
type Operation = {
  operationId: string;
  'x-roles'?: string[];
  parameters?: { name: string; in: string }[];
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
};
type Doc = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

/** The first record of a server-sent event stream, then the stream is closed. */
async function firstRecord(res: Response): Promise<string> {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (!text.includes('\n\n')) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  return text;
}

/**
 * Every answer the two APIs give, checked against their own OpenAPI documents: the status must be
 * documented for the operation, and the body must match the schema of its media type (ajv, JSON
 * Schema 2020-12, additionalProperties as declared). Each operation is exercised for its success
 * and for the problems any caller can provoke (400, 401, 403, 413, 415, 422, 404, 409, 412, 304).
 */
describe('both APIs answer only what their OpenAPI documents declare', function () {
  this.timeout(60_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'chartline-openapi-'));
  let chartline: EmbeddedChartline;
  let refs: DemoReferences;
  const docs: Record<'command' | 'read', Doc> = {} as never;
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const failures: string[] = [];
  /** `<operationId> <status>` of every answer validated. */
  const validated = new Set<string>();
  const tokens = new Map<string, string>();

  const token = async (role: string) => {
    if (!tokens.has(role)) {
      tokens.set(role, await chartline.mint({ sub: `u-${role}`, role, hospitals: [...DEMO_HOSPITALS] }));
    }
    return tokens.get(role)!;
  };

  const resolve = (doc: Doc, schema: Schema): Schema => {
    const ref = schema['$ref'];
    return typeof ref === 'string' ? doc.components.schemas[ref.split('/').at(-1)!]! : schema;
  };

  /** Sends a request and checks the answer against the document; returns the parsed body. */
  const call = async (
    api: 'command' | 'read',
    method: string,
    template: string,
    path: string,
    init: { role?: string | null; headers?: Record<string, string>; body?: string } = {},
  ): Promise<{ status: number; body: unknown; headers: Headers }> => {
    const base = api === 'command' ? chartline.commandUrl : chartline.readUrl;
    const headers: Record<string, string> = { ...init.headers };
    if (init.role) headers['Authorization'] = `Bearer ${await token(init.role)}`;
    const res = await fetch(`${base}${path}`, { method: method.toUpperCase(), headers, body: init.body ?? null });
    // A server-sent event stream stays open: its first record is what is checked.
    const text = (res.headers.get('content-type') ?? '').startsWith('text/event-stream')
      ? await firstRecord(res)
      : await res.text();
    const doc = docs[api];
    const op = doc.paths[template]?.[method];
    const where = `${method.toUpperCase()} ${template} → ${res.status}`;
    if (!op) {
      failures.push(`${where}: no such operation documented`);
      return { status: res.status, body: text, headers: res.headers };
    }
    const documented = op.responses[String(res.status)];
    if (!documented) {
      failures.push(`${where}: status not documented (${text.slice(0, 200)})`);
      return { status: res.status, body: text, headers: res.headers };
    }
    const mediaType = (res.headers.get('content-type') ?? '').split(';')[0]!.trim();
    let body: unknown = text;
    if (!documented.content) {
      if (text !== '') failures.push(`${where}: documented without a body, answered ${mediaType}`);
    } else {
      const content = documented.content[mediaType];
      if (!content) {
        failures.push(`${where}: answered ${mediaType}, documented ${Object.keys(documented.content).join(', ')}`);
      } else {
        if (mediaType.endsWith('json')) body = JSON.parse(text);
        const validate = ajv.compile(resolve(doc, content.schema));
        if (validate(body)) validated.add(`${op.operationId} ${res.status}`);
        else failures.push(`${where}: ${ajv.errorsText(validate.errors)} in ${text.slice(0, 300)}`);
      }
    }
    return { status: res.status, body, headers: res.headers };
  };

  before(async () => {
    chartline = await startEmbedded({ dataDir, commandPort: 0, readPort: 0, log: () => {} });
    await seedDemoHospitals(chartline.commandUrl, chartline.mint);
    refs = await demoReferences(chartline.store, chartline.readStore);
    for (const api of ['command', 'read'] as const) {
      const base = api === 'command' ? chartline.commandUrl : chartline.readUrl;
      docs[api] = (await (await fetch(`${base}/openapi.json`)).json()) as Doc;
    }
  });

  beforeEach(() => {
    failures.length = 0;
  });

  after(async () => {
    await chartline?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const fill = (template: string, values: Record<string, string>) =>
    template.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => values[name] ?? `missing-${name}`);

  const operations = (api: 'command' | 'read') =>
    Object.entries(docs[api].paths).flatMap(([template, item]) =>
      Object.entries(item).map(([method, op]) => ({ template, method, op })),
    );

  it('the operations routes: /healthz, /readyz, /metrics (Prometheus text), /openapi.json', async () => {
    for (const api of ['command', 'read'] as const) {
      for (const path of ['/healthz', '/readyz', '/metrics', '/openapi.json']) await call(api, 'get', path, path);
    }
    expect(failures).to.deep.equal([]);
    for (const id of ['healthz 200', 'readyz 200', 'metrics 200', 'openapi 200']) expect(validated).to.include(id);
  });

  it('every read route: 200, 304, 400, 401, 403 (and 404 where documented)', async () => {
    const patientId = refs.patientStreamId.split('.').at(-1)!;
    const values = {
      hospitalId: refs.hospitalId,
      wardId: refs.wardId,
      patientId,
      streamId: refs.patientStreamId,
      accountId: refs.accountId,
      stayId: refs.accountId,
      orderId: refs.labOrderId ?? 'no-lab-order',
    };
    const queryFor: Record<string, string> = { searchPatients: 'name=a' };
    for (const { template, method, op } of operations('read')) {
      if (!op['x-roles']) continue;
      const role = op['x-roles'][0]!;
      const path = fill(template, values);
      // GET routes take the query string; POST routes (a search by body) the same fields as JSON.
      const post = method === 'post';
      const input = (fields: string) =>
        post
          ? {
              path,
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify(Object.fromEntries(new URLSearchParams(fields))),
            }
          : { path: fields ? `${path}?${fields}` : path, headers: {} as Record<string, string> };
      const send = (fields: string, role: string | null, extra: Record<string, string> = {}, at = input(fields)) =>
        call('read', method, template, at.path, {
          role,
          headers: { ...at.headers, ...extra },
          ...('body' in at ? { body: at.body } : {}),
        });
      const good = queryFor[op.operationId.replace('ByBody', '')] ?? '';
      const ok = await send(good, role);
      expect(ok.status, `${op.operationId}: ${JSON.stringify(ok.body).slice(0, 300)}`).to.equal(200);
      const etag = ok.headers.get('etag');
      if (etag) await send(good, role, { 'If-None-Match': etag });
      await send('unknown=1', role);
      await send('limit=0', role);
      await send(good, null);
      const outsider = DEMO_ROLES.find((r) => !op['x-roles']!.includes(r));
      if (outsider) await send(good, outsider);
      if (op.responses['404']) {
        const missing = fill(template, {
          ...values,
          wardId: 'none',
          patientId: 'none',
          streamId: 'patient-riverside.none',
        });
        await call('read', method, template, missing, { role });
      }
    }
    expect(failures).to.deep.equal([]);
    for (const { op } of operations('read').filter((o) => o.op['x-roles'])) {
      expect(validated, op.operationId).to.include(`${op.operationId} 200`);
      expect(validated, op.operationId).to.include(`${op.operationId} 400`);
      expect(validated, op.operationId).to.include(`${op.operationId} 401`);
    }
  });

  it('every command route: 400, 401, 403, 413 and 415 answers are documented problems', async () => {
    for (const { template, method, op } of operations('command')) {
      if (!op['x-roles']) continue;
      const role = op['x-roles'][0]!;
      const path = fill(template, { hospitalId: refs.hospitalId });
      const json = { 'Content-Type': 'application/json' };
      const key = () => ({ 'Idempotency-Key': `probe-${Math.random().toString(36).slice(2)}` });
      await call('command', method, template, path, { role, headers: { ...json, ...key() }, body: '{}' });
      // A command whose fields are all optional (a sweep for the hospital's today) accepts `{}`: a
      // field no body declares is refused by every strict body.
      await call('command', method, template, path, {
        role,
        headers: { ...json, ...key() },
        body: JSON.stringify({ notAField: true }),
      });
      await call('command', method, template, path, { role: null, headers: { ...json, ...key() }, body: '{}' });
      const outsider = DEMO_ROLES.find((r) => !op['x-roles']!.includes(r));
      if (outsider)
        await call('command', method, template, path, { role: outsider, headers: { ...json, ...key() }, body: '{}' });
      await call('command', method, template, path, {
        role,
        headers: { 'Content-Type': 'text/plain', ...key() },
        body: 'x',
      });
      await call('command', method, template, path, {
        role,
        headers: { ...json, ...key() },
        body: JSON.stringify({ x: 'y'.repeat(2_000_000) }),
      });
    }
    expect(failures).to.deep.equal([]);
    for (const { op } of operations('command').filter((o) => o.op['x-roles'])) {
      for (const status of [400, 401, 415]) expect(validated, op.operationId).to.include(`${op.operationId} ${status}`);
    }
  });

  it('the front desk’s flow: 201 and 200 results, 409 of a rule, 412 of a stale If-Match, 422 of a reused key', async () => {
    const command = (name: string, body: object, init: { role?: string; key?: string; ifMatch?: string } = {}) =>
      call('command', 'post', `/hospitals/{hospitalId}/${name}`, `/hospitals/${refs.hospitalId}/${name}`, {
        role: init.role ?? 'front_desk',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': init.key ?? `flow-${Math.random().toString(36).slice(2)}`,
          ...(init.ifMatch ? { 'If-Match': init.ifMatch } : {}),
        },
        body: JSON.stringify(body),
      });
    const registered = await command('patients/register-patient', {
      givenName: 'Ada',
      familyName: 'Example',
      birthDate: '1990-04-01',
      sex: 'female',
    });
    expect(registered.status).to.equal(201);
    const patientId = (registered.body as { id: string }).id;
    const requested = await command('admissions/request-admission', { patientId, wardId: refs.wardId });
    const stayId = (requested.body as { id: string }).id;
    const admitted = await command('admissions/admit-patient', { stayId, patientId, bedId: refs.freeBedId });
    expect(admitted.status).to.equal(200);
    // The same bed again for another patient: a rule of the bed (409).
    const other = await command('patients/register-patient', {
      givenName: 'Bo',
      familyName: 'Other',
      birthDate: '1980-01-01',
      sex: 'male',
    });
    const otherId = (other.body as { id: string }).id;
    const otherStay = (await command('admissions/request-admission', { patientId: otherId, wardId: refs.wardId }))
      .body as { id: string };
    expect(
      (await command('admissions/admit-patient', { stayId: otherStay.id, patientId: otherId, bedId: refs.freeBedId }))
        .status,
    ).to.equal(409);
    // A stale revision (412) and a reused key with another body (422).
    // The patient stream moved on (StayOpened) since revision 0.
    expect(
      (await command('patients/update-demographics', { patientId, phone: '+44 1234 5678' }, { ifMatch: '"0"' })).status,
    ).to.equal(412);
    await command(
      'patients/register-patient',
      { givenName: 'Cy', familyName: 'Key', birthDate: '1970-01-01', sex: 'other' },
      { key: 'reused' },
    );
    expect(
      (
        await command(
          'patients/register-patient',
          { givenName: 'Di', familyName: 'Key', birthDate: '1970-01-01', sex: 'other' },
          { key: 'reused' },
        )
      ).status,
    ).to.equal(422);
    expect(failures).to.deep.equal([]);
    for (const id of [
      'patients.register-patient 201',
      'admissions.admit-patient 200',
      'admissions.admit-patient 409',
      'patients.register-patient 422',
      'patients.update-demographics 412',
    ]) {
      expect(validated).to.include(id);
    }
  });

  it('every command shares the result schema validated above (plus, where declared, the ids it created)', () => {
    /** The schema without `created`, which commands that make something inside another stream add. */
    const schemaOf = (op: Operation, status: string) => {
      const schema = structuredClone(op.responses[status]?.content?.['application/json']?.schema) as {
        properties: Record<string, Schema>;
        required: string[];
      };
      const created = schema.properties['created'];
      delete schema.properties['created'];
      schema.required = schema.required.filter((field) => field !== 'created');
      return { shared: JSON.stringify(schema), created };
    };
    const commands = operations('command').filter((o) => o.op['x-roles']);
    const reference = schemaOf(commands[0]!.op, '201').shared;
    expect(reference).to.include('"additionalProperties":false');
    const creating: string[] = [];
    for (const { op } of commands) {
      for (const status of ['200', '201']) {
        const { shared, created } = schemaOf(op, status);
        expect(shared, op.operationId).to.equal(reference);
        if (created === undefined) continue;
        expect(created['additionalProperties'], op.operationId).to.equal(false);
        if (status === '200') creating.push(op.operationId);
      }
    }
    expect(creating).to.include.members([
      'hr.request-leave',
      'hr.assign-shift',
      'hr.record-licence',
      'hr.request-swap',
    ]);
  });

  it('a command that makes something inside another stream answers its id under created, as documented', async () => {
    const command = (name: string, body: object) =>
      call('command', 'post', `/hospitals/{hospitalId}/${name}`, `/hospitals/${refs.hospitalId}/${name}`, {
        role: 'hr_admin',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': `made-${Math.random().toString(36).slice(2)}`,
        },
        body: JSON.stringify(body),
      });
    const onboarded = await command('hr/onboard-staff', {
      givenName: 'Olu',
      familyName: 'Openapi',
      department: 'Nursing',
      jobTitle: 'Staff nurse',
      practitionerRoles: ['nurse'],
      startDate: '2025-01-01',
      leaveBalances: { annual: 5 },
    });
    const staffId = (onboarded.body as { id: string }).id;
    const asked = await command('hr/request-leave', {
      staffId,
      leaveType: 'annual',
      from: '2027-03-01',
      to: '2027-03-01',
    });
    expect(asked.status).to.equal(200);
    expect((asked.body as { created: { leaveId: string } }).created.leaveId).to.be.a('string');
    expect(failures).to.deep.equal([]);
    expect(validated).to.include('hr.request-leave 200');
  });

  /** Node's fetch refuses TRACE (forbidden in the Fetch standard), so a plain HTTP request. */
  const raw = (url: string, method: string, authorization?: string) =>
    new Promise<{ status: number; allow: string | undefined; type: string | undefined; body: string }>((done, fail) => {
      const req = httpRequest(
        url,
        { method, headers: authorization ? { Authorization: authorization } : {} },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => {
            body += c.toString();
          });
          res.on('end', () =>
            done({ status: res.statusCode!, allow: res.headers.allow, type: res.headers['content-type'], body }),
          );
        },
      );
      req.on('error', fail);
      req.end();
    });

  it('answers 405 with Allow for a method a path does not serve (GET on a command, TRACE, DELETE), 404 for no such path', async () => {
    const command = `${chartline.commandUrl}/hospitals/${refs.hospitalId}/patients/register-patient`;
    const board = `${chartline.readUrl}/hospitals/${refs.hospitalId}/wards/${refs.wardId}/beds`;
    const cases: [string, string, string][] = [
      [command, 'GET', 'POST'],
      [command, 'TRACE', 'POST'],
      [board, 'TRACE', 'GET, HEAD'],
      [board, 'DELETE', 'GET, HEAD'],
      [`${chartline.readUrl}/hospitals/${refs.hospitalId}/patients/search`, 'PUT', 'GET, HEAD, POST'],
      [`${chartline.readUrl}/metrics`, 'POST', 'GET, HEAD'],
    ];
    for (const [url, method, allow] of cases) {
      const res = await raw(url, method, `Bearer ${await token('front_desk')}`);
      expect(res.status, `${method} ${url}`).to.equal(405);
      expect(res.allow).to.equal(allow);
      expect(res.type).to.match(/^application\/problem\+json/);
      expect(JSON.parse(res.body)).to.include({ type: '/problems/method-not-allowed', status: 405 });
    }
    expect((await raw(`${chartline.readUrl}/hospitals/${refs.hospitalId}/nothing-here`, 'TRACE')).status).to.equal(404);
  });

  it('describes every code of every list in both documents (what `aadvice` or `snf` means)', () => {
    const undescribed: string[] = [];
    const walk = (node: unknown, where: string, description?: string) => {
      if (Array.isArray(node)) {
        node.forEach((n, i) => {
          walk(n, `${where}[${i}]`, description);
        });
        return;
      }
      if (typeof node !== 'object' || node === null) return;
      const schema = node as Record<string, unknown>;
      const text = typeof schema['description'] === 'string' ? schema['description'] : description;
      const codes = schema['enum'];
      if (Array.isArray(codes) && codes.length > 1) {
        for (const code of codes) if (!text?.includes(String(code))) undescribed.push(`${where}: ${String(code)}`);
      }
      for (const [key, value] of Object.entries(schema))
        walk(value, `${where}.${key}`, ['schema', 'additionalProperties', 'items'].includes(key) ? text : undefined);
    };
    for (const api of ['command', 'read'] as const) walk(docs[api].paths, api);
    expect(undescribed).to.deep.equal([]);
  });
});
