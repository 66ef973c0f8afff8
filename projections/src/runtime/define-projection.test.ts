import { catalogue } from '@chartline/events';
import { expect } from 'chai';
import { defineProjection, type HandlersOf, ignore } from './define-projection.js';

/** Every patients event ignored: the smallest complete definition, for the type checks below. */
const allIgnored = Object.fromEntries(
  catalogue.ofModule('patients').map((d) => [d.name, ignore('test')]),
) as unknown as HandlersOf<'patients'>;

describe('defineProjection', () => {
  it('does not compile a missing, misspelt or foreign handler, a wrong view or a wrong data field', () => {
    // Each line below is a compile error (tsc -b fails on an unused @ts-expect-error, so these bite).
    const { PatientRegistered: _dropped, ...missingOne } = allIgnored;
    // @ts-expect-error PatientRegistered has neither a handler nor an ignore
    expect(() => defineProjection({ module: 'patients', views: [], handlers: missingOne })).to.throw(
      /no handler or ignore for PatientRegistered/,
    );
    expect(() =>
      defineProjection({
        module: 'patients',
        views: [],
        // @ts-expect-error PatientRegisterd is not an event of the patients module
        handlers: { ...allIgnored, PatientRegisterd: ignore('typo') },
      }),
    ).to.throw(/not events of the module: PatientRegisterd/);
    const views = [{ name: 'wards', indexes: [] }] as const;
    const wards = defineProjection({
      module: 'admissions',
      views,
      handlers: {
        ...(Object.fromEntries(
          catalogue.ofModule('admissions').map((d) => [d.name, ignore('test')]),
        ) as unknown as HandlersOf<'admissions', 'wards'>),
        WardDefined: async ({ data }, ctx) => {
          // @ts-expect-error the handler's data is typed by the event's schema: WardDefined has no `label`
          await ctx.write('wards', data.label, {});
          // @ts-expect-error `beds` is not a view of this projection
          await ctx.write('beds', data.wardId, {});
        },
      },
    });
    expect(wards.handled).to.deep.equal(['WardDefined']);
  });

  it('runs only the handlers; ignored events are listed with their reason', () => {
    const projection = defineProjection({
      module: 'patients',
      views: [],
      handlers: { ...allIgnored, PatientRegistered: async () => {} },
    });
    expect(Object.keys(projection.handlers)).to.deep.equal(['PatientRegistered']);
    expect(projection.handled).to.deep.equal(['PatientRegistered']);
    expect(projection.ignored).to.include({ MrnAssigned: 'test' }).and.not.to.have.property('PatientRegistered');
  });
});
