/**
 * The standard files of a new module on every side, as `npm run new-module <name>` writes them: one
 * example event, command, rule, aggregate, read model, projection and read route, each with its
 * test, named after the module, so every file compiles and every test passes before the module
 * holds any real domain. Replace the example with the module's own words; keep the file names.
 *
 * Conventional exports the generated registries take (scripts/codegen/registries.ts):
 * `<module>Events`, `<module>Module`, `aggregates`, `<module>Projection`, `<module>Routes`,
 * `<module>Workload`, `<module>FreshnessRead`, `<module>Scenario`.
 */

export interface ModuleNames {
  /** `lab`: folder, event-type prefix, route segment, manifest key. */
  readonly m: string;
  /** `Lab`: type names. */
  readonly M: string;
  /** `LAB`: constants. */
  readonly U: string;
  /** `labRecord`: the example aggregate (a stream category, unique across modules). */
  readonly aggregate: string;
}

export const namesOf = (m: string): ModuleNames => ({
  m,
  M: m[0]!.toUpperCase() + m.slice(1),
  U: m.toUpperCase(),
  aggregate: `${m}Record`,
});

/** The manifest entry, inserted before the manifest's closing line. */
export const manifestEntry = ({ m, aggregate }: ModuleNames) =>
  [
    `  ${m}: {`,
    '    commands: true,',
    '    projection: true,',
    '    reads: true,',
    '    processManagers: [],',
    `    aggregates: ['${aggregate}'],`,
    '  },',
  ].join('\n');

/** Every standard file, by path from the repository root. */
export function moduleFiles(n: ModuleNames): Map<string, string> {
  const { m, M, U, aggregate } = n;
  const idField = `${aggregate}Id`;
  const files = new Map<string, string>();

  // ------------------------------------------------------------------ events
  files.set(
    `events/src/modules/${m}/${m}-record-opened.ts`,
    `import { defineEvent } from '../../schema/define-event.js';

export const ${M}RecordOpened = defineEvent({
  module: '${m}',
  name: '${M}RecordOpened',
  aggregate: '${aggregate}',
  doc: 'A ${m} record was opened (the scaffold’s example event: replace it with the module’s own).',
  versions: [
    {
      type: 'record',
      name: '${M}RecordOpened',
      namespace: 'chartline.${m}',
      fields: [
        { name: '${idField}', type: 'string', doc: 'The record, UUID v7.' },
        { name: 'title', type: 'string', doc: 'What the record is about.' },
        { name: 'openedAt', type: 'string', doc: 'When it was opened, ISO-8601 UTC.' },
      ],
    },
  ],
});
`,
  );
  files.set(
    `events/src/modules/${m}/index.ts`,
    `import { ${M}RecordOpened } from './${m}-record-opened.js';

export { ${M}RecordOpened };

/** The ${m} module's event definitions. */
export const ${m}Events = [${M}RecordOpened] as const;
`,
  );

  // ------------------------------------------------------------------ kernel
  files.set(
    `kernel/src/${m}/read-model.ts`,
    `import type { ReadModelDocument } from '../read-model.js';

/** The ${m} module's read models, as its projection writes them and its read routes read them. */
export const ${U}_VIEWS = { records: '${m}_records' } as const;
export const ${U}_RECORDS = ${U}_VIEWS.records;

export interface ${M}RecordDocument extends ReadModelDocument {
  readonly ${idField}: string;
  readonly title: string;
  readonly openedAt: string;
}
`,
  );
  files.set(`kernel/src/${m}/index.ts`, `export * from './read-model.js';\n`);

  // ------------------------------------------------------------------ commands
  files.set(
    `commands/src/${m}/commands.ts`,
    `import { z } from 'zod';
import { defineCommand, type TypedStreamRef } from '../shared/define-command.js';
import { decideOpenRecord, type ${M}RecordState, ${aggregate}Aggregate } from './decider.js';

/** The ${m} module's commands as deciders see them (ids and times chosen at the edge) and as the server serves them. */
export interface OpenRecord {
  readonly type: 'OpenRecord';
  readonly ${idField}: string;
  readonly title: string;
  readonly at: string;
}

const record = (id: string): TypedStreamRef<${M}RecordState> => ({ aggregate: ${aggregate}Aggregate, id });

export const openRecord = defineCommand({
  module: '${m}',
  name: 'open-record',
  summary: 'Open a ${m} record.',
  roles: ['admin'],
  body: z.strictObject({ title: z.string().trim().min(1).max(200).describe('What the record is about.') }),
  toCommand: (body, ctx): OpenRecord => ({ type: 'OpenRecord', ${idField}: ctx.newId(), title: body.title, at: ctx.now }),
  streams: (c) => ({ record: record(c.${idField}) }),
  decide: (c, loaded) => decideOpenRecord(c, loaded.record.state),
});

export const ${m}Commands = [openRecord];
`,
  );
  files.set(
    `commands/src/${m}/decider.ts`,
    `import type { DomainEventOf, moduleEvents } from '@chartline/events';
import type { Aggregate } from '../shared/command-spec.js';
import { RuleViolation } from '../shared/decider.js';
import type { OpenRecord } from './commands.js';

/** Every event of the ${m} module, as deciders see them. */
export type ${M}Event = DomainEventOf<(typeof moduleEvents.${m})[number]>;

/** Every rule a ${m} command can break: the stable code the API returns with its 409, and what it means. */
export const ${U}_RULES = {
  'record-already-open': 'A record with this id is already open.',
} as const;
export type ${M}Rule = keyof typeof ${U}_RULES;

const violate = (rule: ${M}Rule): never => {
  throw new RuleViolation(rule, ${U}_RULES[rule]);
};

export interface ${M}RecordState {
  readonly open: boolean;
}

/** \`${aggregate}-<hospitalId>.<${idField}>\`. */
export const ${aggregate}Aggregate: Aggregate<${M}RecordState, ${M}Event> = {
  name: '${aggregate}',
  initialState: { open: false },
  evolve: (state, event) => (event.type === '${M}RecordOpened' ? { open: true } : state),
};

export function decideOpenRecord(c: OpenRecord, record: ${M}RecordState): { record: ${M}Event[] } {
  if (record.open) violate('record-already-open');
  return { record: [{ type: '${M}RecordOpened', data: { ${idField}: c.${idField}, title: c.title, openedAt: c.at } }] };
}
`,
  );
  files.set(
    `commands/src/${m}/routes.ts`,
    `import { moduleEvents } from '@chartline/events';
import type { CommandModule } from '../server/command-module.js';
import { ${m}Commands } from './commands.js';

/** The ${m} module as the command server serves it: POST /hospitals/:hospitalId/${m}/<command>. */
export const ${m}Module: CommandModule = {
  name: '${m}',
  specs: ${m}Commands,
  events: moduleEvents.${m},
};
`,
  );
  files.set(
    `commands/src/${m}/decider.test.ts`,
    `import type { DomainEvent } from '../shared/command-spec.js';
import { given, TEST_NOW, testContext, testId } from '../shared/given-when-then.js';
import { openRecord } from './commands.js';

const RECORD = testId(1);
const opened: DomainEvent = {
  type: '${M}RecordOpened',
  data: { ${idField}: RECORD, title: 'First', openedAt: TEST_NOW },
};

describe('${m} decider', () => {
  it('opens a record', () => {
    given({})
      .when(openRecord, { title: 'First' }, testContext([RECORD]))
      .thenEvents({ record: [opened] });
  });

  it('refuses: record-already-open', () => {
    given({ record: [opened] })
      .when(openRecord, { title: 'Again' }, testContext([RECORD]))
      .thenRejects('record-already-open');
  });
});
`,
  );
  files.set(
    `commands/src/${m}/index.ts`,
    `import type { AuditableAggregates } from '../shared/auditable.js';
import { ${aggregate}Aggregate } from './decider.js';

/** The ${m} module's public entry on the write side. */
export { ${m}Commands, openRecord } from './commands.js';
export { type ${M}Event, type ${M}RecordState, ${aggregate}Aggregate, ${U}_RULES } from './decider.js';
export { ${m}Module } from './routes.js';

/** What an auditor can fold to a state as of a time. */
export const aggregates: AuditableAggregates<'${m}'> = { ${aggregate}: ${aggregate}Aggregate };
`,
  );

  // ------------------------------------------------------------------ projections
  files.set(
    `projections/src/${m}/views.ts`,
    `import { ${U}_RECORDS } from '@chartline/kernel';
import type { ViewSpec } from '../runtime/projection.js';

/** The ${m} module's read models (their contract is in @chartline/kernel): one document per record. */
export { ${U}_RECORDS };

export const ${m}Views: readonly ViewSpec<typeof ${U}_RECORDS>[] = [
  { name: ${U}_RECORDS, indexes: [{ keys: { hospitalId: 1, openedAt: -1 }, name: 'hospital_records' }] },
];
`,
  );
  files.set(
    `projections/src/${m}/projection.ts`,
    `import { defineProjection, type HandlerOf } from '../runtime/define-projection.js';
import { ${U}_RECORDS, ${m}Views } from './views.js';

const recordOpened: HandlerOf<'${m}', '${M}RecordOpened', typeof ${U}_RECORDS> = async (event, ctx) => {
  const { ${idField}, title, openedAt } = event.data;
  await ctx.write(${U}_RECORDS, ${idField}, { $set: { ${idField}, title, openedAt } });
};

/** The ${m} module's projection: every event has a handler or an \`ignore(reason)\`. */
export const ${m}Projection = defineProjection({
  module: '${m}',
  views: ${m}Views,
  handlers: { ${M}RecordOpened: recordOpened },
});
`,
  );
  files.set(
    `projections/src/${m}/projection.test.ts`,
    `import { describeProjectionSpecs, projectionSpec, SPEC_TIME } from '../testing/projection-spec.js';
import { ${m}Projection } from './projection.js';
import { ${U}_RECORDS } from './views.js';

const { event, given } = projectionSpec(${m}Projection);
const record = '0193a6f0-0000-7000-8000-0000000000d1';

describeProjectionSpecs(${m}Projection, {
  ${M}RecordOpened: () =>
    given(event('${M}RecordOpened', { ${idField}: record, title: 'First', openedAt: SPEC_TIME })).expect({
      [${U}_RECORDS]: [
        { _id: \`h1:\${record}\`, hospitalId: 'h1', ${idField}: record, title: 'First', openedAt: SPEC_TIME, position: 1 },
      ],
    }),
});
`,
  );
  files.set(
    `projections/src/${m}/index.ts`,
    `/** The ${m} module's public entry on the projection side. */
export { ${m}Projection } from './projection.js';
export { ${U}_RECORDS, ${m}Views } from './views.js';
`,
  );

  // ------------------------------------------------------------------ read-api
  files.set(
    `read-api/src/${m}/queries.ts`,
    `import type { ReadStore } from '@chartline/infra';
import { ${U}_RECORDS } from '@chartline/kernel';
import { findPage } from '../server/pagination.js';

export { ${U}_RECORDS };

/** A page of the hospital's records, newest first (keyset pagination on openedAt). */
export const recordsPage = (store: ReadStore, hospitalId: string, limit?: number, cursor?: string) =>
  findPage(store.collection(${U}_RECORDS), { filter: { hospitalId }, sortField: 'openedAt', order: 'desc', limit, cursor });
`,
  );
  files.set(
    `read-api/src/${m}/routes.ts`,
    `import type { ContractHolds, ${M}RecordDocument, PublicDocument, Role, SameFields } from '@chartline/kernel';
import { z } from 'zod';
import { consistencyQuery, hospitalId, pageQuery } from '../server/inputs.js';
import { page } from '../server/page.js';
import { publicFields } from '../server/public-fields.js';
import { defineRoute, type ReadRoute } from '../server/route.js';
import { ${U}_RECORDS, recordsPage } from './queries.js';

const READERS: readonly Role[] = ['admin'];

export const recordShape = z.object({
  hospitalId: z.string(),
  ${idField}: z.string(),
  title: z.string(),
  openedAt: z.string().describe('When the record was opened, ISO-8601 UTC.'),
});

// The answer carries exactly the fields the projection writes (the kernel's read-model contract).
export type RecordAnswerContract = ContractHolds<SameFields<PublicDocument<${M}RecordDocument>, z.infer<typeof recordShape>>>;

export const ${m}Routes: readonly ReadRoute[] = [
  defineRoute({
    id: 'list${M}Records',
    method: 'get',
    path: '/hospitals/:hospitalId/${m}/records',
    summary: 'The ${m} records of the hospital, newest first.',
    tag: '${m}',
    roles: READERS,
    params: z.strictObject({ hospitalId }),
    input: z.strictObject({ ...pageQuery, ...consistencyQuery }),
    response: page(recordShape),
    views: [${U}_RECORDS],
    modules: ['${m}'],
    run: async ({ params, query }, deps) => {
      const result = await recordsPage(deps.readStore, params.hospitalId, query.limit, query.cursor);
      return {
        body: { items: result.items.map(publicFields), nextCursor: result.nextCursor } as z.infer<
          ReturnType<typeof page<typeof recordShape>>
        >,
      };
    },
  }),
];
`,
  );
  files.set(
    `read-api/src/${m}/routes.test.ts`,
    `import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
// Test-only reach into the projections, as ../testing/hospital.ts does: the read model is written
// by the real projection from a real sealed event, never a hand-written document.
import { HospitalHistory } from '../../../projections/src/testing/hospital-history.js';
import { createReadApp } from '../server/app.js';
import { memoryStores, project, type Stores, tokens } from '../testing/hospital.js';

describe('${m} read routes', () => {
  const auth = tokens();
  const record = uuidv7();
  let stores: Stores;
  let app: ReturnType<typeof createReadApp>;

  before(async () => {
    stores = memoryStores();
    const history = new HospitalHistory(stores.eventStore, stores.keys, 'h1');
    await history.append('${m}.${M}RecordOpened', record, {
      ${idField}: record,
      title: 'First',
      openedAt: '2025-03-01T08:30:00.000Z',
    });
    await project(stores);
    app = createReadApp({ ...stores, auth: auth.auth, consistency: { timeoutMs: 300, pollMs: 10 } });
  });

  const get = async (path: string, hospitals = ['h1']) =>
    request(app)
      .get(path)
      .set('Authorization', \`Bearer \${await auth.mint('admin', hospitals)}\`);

  it('lists the hospital’s records, without their bookkeeping fields', async () => {
    const res = await get('/hospitals/h1/${m}/records');
    expect(res.status).to.equal(200);
    expect(res.body).to.deep.equal({
      items: [{ hospitalId: 'h1', ${idField}: record, title: 'First', openedAt: '2025-03-01T08:30:00.000Z' }],
      nextCursor: null,
    });
  });

  it('lists nothing of another hospital', async () => {
    const res = await get('/hospitals/h2/${m}/records', ['h2']);
    expect(res.status).to.equal(200);
    expect(res.body.items).to.deep.equal([]);
  });
});
`,
  );
  files.set(
    `read-api/src/${m}/index.ts`,
    `/** The ${m} module's public entry on the read side. */
export { ${m}Routes } from './routes.js';
`,
  );

  // ------------------------------------------------------------------ scripts plug-ins
  files.set(
    `scripts/modules/${m}/workload.ts`,
    `import type { ModuleWorkloadFactory } from '../../generate/hospital-world.js';

/**
 * The ${m} module's share of a simulated hospital day: nothing yet. Add steps with world.step (and
 * draw from world.random, the stream every module shares) when the module has real commands.
 */
export const ${m}Workload: ModuleWorkloadFactory = () => ({});
`,
  );
  files.set(
    `scripts/modules/${m}/freshness.ts`,
    `import type { FreshnessRead } from '../../bench/freshness-read.js';

/** An opened record shows in the hospital's list of records. */
export const ${m}FreshnessRead: FreshnessRead = (step) => \`/hospitals/\${step.hospitalId}/${m}/records\`;
`,
  );
  files.set(
    `scripts/modules/${m}/scenario.ts`,
    `import type { ModuleScenario } from '../../e2e/scenario-context.js';

/** The ${m} module's part of the end-to-end scenario: none yet (an empty part is allowed). */
export const ${m}Scenario: ModuleScenario = {};
`,
  );
  files.set(
    `scripts/modules/${m}/index.ts`,
    `/** The ${m} module's plug-ins for the scripts: workload generator, bench freshness read, e2e scenario. */
export { ${m}FreshnessRead } from './freshness.js';
export { ${m}Scenario } from './scenario.js';
export { ${m}Workload } from './workload.js';
`,
  );
  return files;
}
