import { createMetricsRegistry } from '@chartline/infra/telemetry';
import { expect } from 'chai';
import request from 'supertest';
import { v7 as uuidv7 } from 'uuid';
import { createReadApp } from '../server/app.js';
import { memoryStores, project, seedHospital, tokens } from '../testing/hospital.js';
import { type HospitalRoster, understaffing } from './metrics.js';

const early = { shiftTypeId: 'early', name: 'Early', startTime: '07:00', endTime: '15:00', requiredStaff: 2 };
const night = { shiftTypeId: 'night', name: 'Night', startTime: '23:00', endTime: '07:00', requiredStaff: 1 };
const office = { shiftTypeId: 'office', name: 'Office', startTime: '09:00', endTime: '17:00', requiredStaff: 0 };
const shift = (wardId: string, shiftTypeId: string, date: string, status = 'assigned') => ({
  shiftId: uuidv7(),
  staffId: uuidv7(),
  wardId,
  shiftTypeId,
  date,
  status,
});

describe('hr under-staffing gauge: shifts of the coming 24 hours short of staff', () => {
  // Monday 7 December 2026, 20:00 UTC (London is on UTC in winter).
  const now = new Date('2026-12-07T20:00:00.000Z');
  const london = (shifts: HospitalRoster['shifts']): HospitalRoster => ({
    hospitalId: 'h1',
    timeZone: 'Europe/London',
    shiftTypes: [early, night, office],
    shifts,
  });

  it('counts each ward’s shifts starting within 24 hours below their required staff, the staff missing and the soonest start', () => {
    const found = understaffing(
      london([
        // Ward A: tonight's night is staffed, tomorrow's early has one of two.
        shift('A', 'night', '2026-12-07'),
        shift('A', 'early', '2026-12-08'),
        // Ward B is rostered (last week) but nobody is on tonight or tomorrow morning.
        shift('B', 'early', '2026-12-01'),
        // A cancelled shift staffs nothing.
        shift('B', 'night', '2026-12-07', 'cancelled'),
      ]),
      now,
    );
    // Today's early (07:00) has started; tomorrow's night (23:00) is more than 24 hours away; the
    // office shift requires nobody.
    expect(found).to.deep.equal({ shifts: 3, missingStaff: 4, soonestStartSeconds: 3 * 3600 });
  });

  it('answers nothing when every shift of the coming 24 hours is staffed', () => {
    const full = london([
      shift('A', 'night', '2026-12-07'),
      shift('A', 'early', '2026-12-08'),
      shift('A', 'early', '2026-12-08'),
    ]);
    expect(understaffing(full, now)).to.equal(undefined);
  });

  it('watches only rostered wards: no shifts, nothing to watch', () => {
    expect(understaffing(london([]), now)).to.equal(undefined);
  });

  it('places shifts by the hospital’s own calendar and clock (Auckland is 13 hours ahead)', () => {
    // 20:00 UTC on 7 December is 09:00 on Tuesday 8 December in Auckland: its early shift has
    // started, its night (23:00 local, 10:00 UTC) and Wednesday's early (18:00 UTC) are coming.
    const found = understaffing(
      {
        hospitalId: 'h2',
        timeZone: 'Pacific/Auckland',
        shiftTypes: [early, night],
        shifts: [shift('A', 'night', '2026-12-08')],
      },
      now,
    );
    expect(found).to.deep.equal({ shifts: 1, missingStaff: 2, soonestStartSeconds: 22 * 3600 });
  });

  it('a shift just starting counts; one starting in exactly 24 hours does not', () => {
    const at = (iso: string) => understaffing(london([shift('A', 'night', '2026-12-01')]), new Date(iso));
    expect(at('2026-12-08T07:00:00.000Z')).to.deep.equal({ shifts: 2, missingStaff: 3, soonestStartSeconds: 0 });
    expect(at('2026-12-08T07:00:00.001Z')?.shifts).to.equal(2);
    // At 23:00 the night starts now; tomorrow's 23:00 night is 24 hours off, outside.
    expect(at('2026-12-08T23:00:00.000Z')).to.deep.equal({ shifts: 2, missingStaff: 3, soonestStartSeconds: 0 });
  });

  it('is exposed per hospital on /metrics, read from the projected roster (no personal data in labels)', async () => {
    const stores = memoryStores();
    const seeded = await seedHospital(stores, 'h1');
    await project(stores);
    // The seeded nurse is the only one on the ward's Day shift (07:00-19:00, two required) of 20 January 2025.
    const metrics = createMetricsRegistry({ defaultMetrics: false });
    const clock = () => new Date('2025-01-19T12:00:00.000Z');
    const app = createReadApp({ ...stores, auth: tokens().auth, metrics, clock });
    const scraped = (await request(app).get('/metrics').expect(200)).text;
    expect(scraped).to.include('chartline_hr_understaffed_shifts{hospital="h1"} 1');
    expect(scraped).to.include('chartline_hr_understaffed_missing_staff{hospital="h1"} 1');
    expect(scraped).to.include(`chartline_hr_understaffed_shift_starts_in_seconds{hospital="h1"} ${19 * 3600}`);
    expect(scraped).not.to.include(seeded.staffId).and.not.to.include(seeded.wardId).and.not.to.include('Nightingale');
  });
});
