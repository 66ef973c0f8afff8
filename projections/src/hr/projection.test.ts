import { createMemoryKeyStore, MemoryEventStore, MemoryReadStore, type RecordedEvent } from '@chartline/infra';
import { expect } from 'chai';
import { v7 as uuidv7 } from 'uuid';
import { applyAll, snapshot } from '../testing/apply-all.js';
import { HospitalHistory } from '../testing/hospital-history.js';
import { HR_LEAVE, HR_LICENCES, HR_SHIFT_TYPES, HR_SHIFTS, HR_STAFF, HR_SWAPS } from './views.js';

const at = '2025-03-01T08:30:00.000Z';
const VIEWS = [HR_STAFF, HR_SHIFTS, HR_SHIFT_TYPES, HR_LICENCES, HR_LEAVE, HR_SWAPS];

/** A whole HR story projected at once: replay, rebuild and erasure of a staff member's key. */
describe('hr projection', () => {
  let keys: ReturnType<typeof createMemoryKeyStore>;
  let history: HospitalHistory;
  let events: RecordedEvent[];
  const nurse = uuidv7();
  const colleague = uuidv7();
  const day = uuidv7();
  const ward = uuidv7();
  const shiftA = uuidv7();
  const shiftB = uuidv7();
  const swap = uuidv7();
  const add = async (type: string, id: string, data: Record<string, unknown>) =>
    events.push(await history.append(`hr.${type}`, id, data));
  const shift = (shiftId: string, staffId: string, date: string, swapId: string | null = null) => ({
    staffId,
    shiftId,
    shiftTypeId: day,
    wardId: ward,
    date,
    startsAt: `${date}T07:00:00.000Z`,
    endsAt: `${date}T19:00:00.000Z`,
    clinical: true,
    swapId,
    assignedAt: at,
  });

  beforeEach(async () => {
    keys = createMemoryKeyStore();
    history = new HospitalHistory(new MemoryEventStore(), keys, 'h1');
    events = [];
    for (const [staffId, familyName] of [
      [nurse, 'Nightingale'],
      [colleague, 'Seacole'],
    ] as const) {
      await add('StaffOnboarded', staffId, {
        staffId,
        givenName: 'F',
        familyName,
        department: 'Medicine',
        jobTitle: 'Staff nurse',
        practitionerRoles: ['nurse'],
        startDate: '2025-01-01',
        onboardedAt: at,
      });
    }
    await add('ShiftTypeDefined', day, {
      shiftTypeId: day,
      name: 'Day',
      startTime: '07:00',
      endTime: '19:00',
      clinical: true,
      requiredStaff: 1,
      definedAt: at,
    });
    await add('ShiftAssigned', nurse, shift(shiftA, nurse, '2025-03-10'));
    await add('ShiftAssigned', colleague, shift(shiftB, colleague, '2025-03-12'));
    await add('ShiftSwapRequested', swap, {
      swapId: swap,
      requesterStaffId: nurse,
      requesterShiftId: shiftA,
      counterpartStaffId: colleague,
      counterpartShiftId: shiftB,
      requestedBy: 'user-nurse',
      requestedAt: at,
    });
    await add('ShiftSwapApproved', swap, { swapId: swap, approvedBy: 'manager', approvedAt: at });
    await add('ShiftUnassigned', nurse, { staffId: nurse, shiftId: shiftA, reason: 'swapped', unassignedAt: at });
    await add('ShiftAssigned', nurse, shift(shiftB, nurse, '2025-03-12', swap));
    await add('ShiftUnassigned', colleague, {
      staffId: colleague,
      shiftId: shiftB,
      reason: 'swapped',
      unassignedAt: at,
    });
    await add('ShiftAssigned', colleague, shift(shiftA, colleague, '2025-03-10', swap));
  });

  it('moves each swapped shift to its new holder, both still assigned', async () => {
    const readStore = new MemoryReadStore();
    await applyAll('hr', events, { readStore, keys });
    const shifts = await readStore.collection(HR_SHIFTS).find({}, { sort: { date: 1 } });
    expect(shifts.map((s) => [s['date'], s['staffId'], s['status']])).to.deep.equal([
      ['2025-03-10', colleague, 'assigned'],
      ['2025-03-12', nurse, 'assigned'],
    ]);
  });

  it('is idempotent under replay, and a rebuild into fresh collections gives the same documents', async () => {
    const readStore = new MemoryReadStore();
    await applyAll('hr', events, { readStore, keys });
    const once = await snapshot(readStore, VIEWS);
    await applyAll('hr', events, { readStore, keys });
    await applyAll('hr', events.slice(3), { readStore, keys });
    expect(await snapshot(readStore, VIEWS)).to.deep.equal(once);
    const rebuilt = new MemoryReadStore();
    await applyAll('hr', events, { readStore: rebuilt, keys });
    expect(await snapshot(rebuilt, VIEWS)).to.deep.equal(once);
  });

  it('after erasure (key shredded), a rebuild shows the names as erased and the person out of the directory', async () => {
    await add('StaffSeparated', nurse, {
      staffId: nurse,
      separationDate: '2025-03-31',
      reason: 'resignation',
      separatedAt: at,
    });
    await add('StaffPersonalDataErased', nurse, { staffId: nurse, legalBasis: 'staff_request', erasedAt: at });
    await keys.erase('h1', { kind: 'staff', id: nurse });
    const readStore = new MemoryReadStore();
    await applyAll('hr', events, { readStore, keys });
    const erased = await readStore.collection(HR_STAFF).findOne({ _id: `h1:${nurse}` });
    expect(erased).to.include({ givenName: '[erased]', familyName: '[erased]', erased: true });
    const directory = await readStore.collection(HR_STAFF).find({ hospitalId: 'h1', erased: false });
    expect(directory.map((d) => d['familyName'])).to.deep.equal(['Seacole']);
  });
});
