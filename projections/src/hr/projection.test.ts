import {
  createMemoryKeyStore,
  MemoryEventStore,
  MemoryReadStore,
  type ReadCollection,
  type ReadStore,
  type RecordedEvent,
} from '@chartline/infra';
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

  /**
   * The rule every handler keeps: what it writes to a document depends only on that document and
   * the event. A consumer batch flushes collection by collection; a crash between two flushes
   * leaves some collections ahead of the others, and the batch is delivered again. Here each
   * collection in turn fails its flush after every possible earlier commit point, the batch is
   * redelivered, and the views must equal a clean run's.
   */
  it('a crash between two collections’ flushes, then redelivery, gives the same views as a clean run', async function () {
    this.timeout(30_000);
    const licence = uuidv7();
    const annual = uuidv7();
    const study = uuidv7();
    await add('LeaveBalanceCredited', colleague, { staffId: colleague, leaveType: 'annual', days: 25, creditedAt: at });
    await add('LeaveBalanceCredited', colleague, { staffId: colleague, leaveType: 'study', days: 5, creditedAt: at });
    await add('LeaveRequested', colleague, {
      staffId: colleague,
      leaveId: annual,
      leaveType: 'annual',
      from: '2025-04-01',
      to: '2025-04-03',
      days: 3,
      requestedBy: 'user-colleague',
      requestedAt: at,
    });
    await add('LeaveRequested', colleague, {
      staffId: colleague,
      leaveId: study,
      leaveType: 'study',
      from: '2025-05-01',
      to: '2025-05-02',
      days: 2,
      requestedBy: 'user-colleague',
      requestedAt: at,
    });
    await add('LeaveApproved', colleague, {
      staffId: colleague,
      leaveId: annual,
      days: 3,
      approvedBy: 'manager',
      approvedAt: at,
    });
    await add('LeaveRejected', colleague, {
      staffId: colleague,
      leaveId: study,
      rejectedBy: 'manager',
      reason: 'Exams moved',
      rejectedAt: at,
    });
    await add('LicenceRecorded', nurse, {
      staffId: nurse,
      licenceId: licence,
      qualification: 'Registered nurse',
      number: 'RN-9',
      issuer: 'Council',
      validFrom: '2024-01-01',
      validTo: '2025-03-20',
      recordedAt: at,
    });
    await add('LicenceTracked', 'h1', { staffId: nurse, licenceId: licence, validTo: '2025-03-20' });
    await add('LicenceExpiringSoon', 'h1', {
      staffId: nurse,
      licenceId: licence,
      validTo: '2025-03-20',
      asOf: '2025-03-01',
    });
    await add('StaffSeparated', nurse, {
      staffId: nurse,
      separationDate: '2025-03-31',
      reason: 'resignation',
      separatedAt: at,
    });
    await add('LicenceTrackingEnded', 'h1', { staffId: nurse, licenceIds: [licence], endedAt: at });

    const clean = new MemoryReadStore();
    await applyAll('hr', events, { readStore: clean, keys });
    const expected = await snapshot(clean, VIEWS);
    expect(expected[HR_STAFF]!.find((d) => (d as { staffId: string }).staffId === colleague)).to.deep.include({
      leaveBalances: { annual: 22, sick: 0, parental: 0, study: 5, unpaid: 0 },
      pendingLeave: {},
    });
    expect(expected[HR_LICENCES]).to.have.length(1).and.to.have.nested.property('[0].tracked', false);

    for (const failing of VIEWS) {
      for (let cut = 0; cut < events.length; cut++) {
        const store = new CrashingReadStore();
        await applyAll('hr', events.slice(0, cut), { readStore: store, keys });
        store.crashOn = failing;
        const crashed = await applyAll('hr', events.slice(cut), { readStore: store, keys }).then(
          () => false,
          () => true,
        );
        store.crashOn = null;
        await applyAll('hr', events.slice(cut), { readStore: store, keys });
        const where = `${failing} failing its flush, batch from event ${cut}${crashed ? '' : ' (not touched)'}`;
        expect(await snapshot(store, VIEWS), where).to.deep.equal(expected);
      }
    }
  });
});

/** A read store whose named collection refuses every write while `crashOn` names it (a process dying mid-flush). */
class CrashingReadStore extends MemoryReadStore implements ReadStore {
  crashOn: string | null = null;

  override collection(name: string): ReadCollection {
    const real = super.collection(name);
    const guard =
      <A extends unknown[], R>(write: (...args: A) => Promise<R>) =>
      (...args: A): Promise<R> =>
        this.crashOn === name ? Promise.reject(new Error(`crash while flushing ${name}`)) : write(...args);
    return {
      name: real.name,
      find: real.find.bind(real),
      findOne: real.findOne.bind(real),
      count: real.count.bind(real),
      createIndexes: real.createIndexes.bind(real),
      updateOne: guard(real.updateOne.bind(real)),
      updateMany: guard(real.updateMany.bind(real)),
      replaceOne: guard(real.replaceOne.bind(real)),
      insertOne: guard(real.insertOne.bind(real)),
      deleteMany: guard(real.deleteMany.bind(real)),
      ...(real.insertMany ? { insertMany: guard(real.insertMany.bind(real)) } : {}),
    };
  }
}
