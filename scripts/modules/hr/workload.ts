import type { HospitalWorld, ModuleWorkload } from '../../generate/hospital-world.js';
import { createdRef, ref } from '../../generate/hospital-world.js';

/** The first rostered day: day 1 of the simulation works on this date, day n on n − 1 days later. */
export const HR_ROSTER_START = '2026-12-07';
const DAY_MS = 86_400_000;
const dateOf = (day: number) =>
  new Date(Date.parse(`${HR_ROSTER_START}T00:00:00Z`) + (day - 1) * DAY_MS).toISOString().slice(0, 10);

const SHIFT_TYPES = [
  { name: 'Early', startTime: '07:00', endTime: '15:00', clinical: true, requiredStaff: 2 },
  { name: 'Late', startTime: '15:00', endTime: '23:00', clinical: true, requiredStaff: 2 },
  { name: 'Night', startTime: '23:00', endTime: '07:00', clinical: true, requiredStaff: 1 },
] as const;
/** No draws from world.random: the other modules' sequences for a seed stay as they were. */
const GIVEN = ['Ada', 'Mary', 'Edith', 'Clara', 'Florence', 'Lillian'] as const;
const FAMILY = ['Nightingale', 'Seacole', 'Cavell', 'Barton', 'Henderson', 'Dix', 'Wald', 'Breckinridge'] as const;

/**
 * The demo users HR governs (docs/operations.md "Access grants"): their subjects are linked to a
 * staff member and granted exactly the role of their printed token, so the tokens keep working.
 */
export const GOVERNED_DEMO_USERS = [
  { userId: 'demo-nurse', role: 'nurse' },
  { userId: 'demo-ward-manager', role: 'ward_manager' },
] as const;

interface Staff {
  readonly ref: string;
  readonly shiftType: number;
  /** Which days of the week they work: date n when (n − 1 + offset) mod 7 < 5. */
  readonly offset: number;
  /** Last day of their licence (YYYY-MM-DD): no clinical shift after it. */
  readonly licenceValidTo: string;
  /** Their shifts by date: the saved name of the assign-shift step whose answer made it. */
  readonly shifts: Map<string, string>;
  /** Days of approved leave: never rostered then. */
  readonly onLeave: Set<string>;
  /** Annual leave days not yet asked for (the balance less pending and approved requests). */
  annualLeft: number;
}

/** Annual leave a nurse starts with, and what HR credits when it runs out (the yearly entitlement). */
const ANNUAL_DAYS = 25;
/** Shift types whose swaps the generator asks for: 8 hours always (a night across a DST change is 7 or 9). */
const SWAPPED_TYPES = new Set([0, 1]);

/**
 * The HR module's share: on day 0 the ward's nurses (onboarded, licensed, leave balances), the
 * shift types, two demo users linked and granted; each day at 06:00 the ward manager rosters the
 * next day (two nurses per shift type, each working five days in seven two days apart from the
 * other, so every rule holds: no overlap, 16 h rest or more, 40 h a week, licences valid), at 06:30
 * a shift swap when one of a pair works today and not tomorrow and the other the reverse (asked for
 * by HR on the nurse's behalf, approved by the ward manager: each moves a day, at most six 8-hour
 * shifts in any 7 days, the default 48 h), at 09:00 now and then a leave request filed by HR and at
 * 11:00 the ward manager's decision (one in four refused), and at 02:00 the licence sweep for the day
 * (as the CronJob would). One nurse's licence ends 20 days in, so the sweep raises it and the roster
 * leaves her off once it has expired; nobody is rostered on approved leave.
 *
 * HR's own saved names (`<hospital>/hr-shift-<n>`, …) do not take numbers of the hospital's name
 * counter, so adding steps here renumbers no other module's refs.
 */
export function hrWorkload(world: HospitalWorld): ModuleWorkload {
  const staff: Staff[] = [];
  const types: string[] = [];
  let ward: string | undefined;
  let named = 0;
  const name = (kind: string) => `${world.hospitalId}/hr-${kind}-${++named}`;
  /** Leave asked for today, decided at 11:00. */
  let asked: { person: Staff; name: string; date: string; approve: boolean } | undefined;
  let requests = 0;

  const assign = (person: Staff, date: string) => {
    const saved = name('shift');
    world.step({
      role: 'ward_manager',
      module: 'hr',
      command: 'assign-shift',
      body: { staffId: ref(person.ref), shiftTypeId: ref(types[person.shiftType]!), wardId: ref(ward!), date },
      saveAs: saved,
    });
    person.shifts.set(date, saved);
  };

  /** `a` works `today` and not `tomorrow`, `b` the reverse, and each may work the other's day. */
  const swappable = (a: Staff, b: Staff, today: string, tomorrow: string) =>
    a.shifts.has(today) &&
    !a.shifts.has(tomorrow) &&
    b.shifts.has(tomorrow) &&
    !b.shifts.has(today) &&
    !a.onLeave.has(tomorrow) &&
    !b.onLeave.has(today) &&
    tomorrow <= a.licenceValidTo &&
    today <= b.licenceValidTo;

  return {
    setUp() {
      ward = world.wards[0];
      SHIFT_TYPES.forEach((type) => {
        const saved = world.name('shift-type');
        world.step({
          role: 'ward_manager',
          module: 'hr',
          command: 'define-shift-type',
          body: { ...type },
          saveAs: saved,
        });
        types.push(saved);
      });
      for (let i = 0; i < 6; i++) {
        const saved = world.name('staff');
        world.step({
          role: 'hr_admin',
          module: 'hr',
          command: 'onboard-staff',
          body: {
            givenName: GIVEN[i % GIVEN.length]!,
            familyName: FAMILY[i % FAMILY.length]!,
            department: 'Nursing',
            jobTitle: i === 1 ? 'Ward manager' : 'Staff nurse',
            practitionerRoles: ['nurse'],
            startDate: '2024-01-01',
            leaveBalances: { annual: ANNUAL_DAYS, study: 5 },
          },
          saveAs: saved,
        });
        const licenceValidTo = i === 0 ? dateOf(20) : '2028-12-31';
        world.step({
          role: 'hr_admin',
          module: 'hr',
          command: 'record-licence',
          body: {
            staffId: ref(saved),
            qualification: 'Registered nurse',
            number: `RN-${world.hospitalId}-${i + 1}`,
            issuer: 'Nursing and Midwifery Council',
            validFrom: '2024-01-01',
            validTo: licenceValidTo,
          },
        });
        // Nurses i and i + 3 share a shift type; the second works two days of the week later.
        staff.push({
          ref: saved,
          shiftType: i % 3,
          offset: i < 3 ? i : i - 1,
          licenceValidTo,
          shifts: new Map(),
          onLeave: new Set(),
          annualLeft: ANNUAL_DAYS,
        });
      }
      GOVERNED_DEMO_USERS.forEach(({ userId, role }, i) => {
        const person = staff[i]!.ref;
        world.step({ role: 'admin', module: 'hr', command: 'link-user', body: { staffId: ref(person), userId } });
        world.step({ role: 'admin', module: 'hr', command: 'grant-access-role', body: { staffId: ref(person), role } });
      });
    },
    day: [
      {
        from: 2 * 60,
        run() {
          world.step({ role: 'hr_admin', module: 'hr', command: 'sweep-licences', body: { asOf: dateOf(world.day) } });
        },
      },
      {
        from: 6 * 60,
        run() {
          if (ward === undefined) return;
          const date = dateOf(world.day + 1);
          for (const person of staff) {
            if ((world.day + person.offset) % 7 >= 5 || date > person.licenceValidTo || person.onLeave.has(date))
              continue;
            world.minute += 2;
            assign(person, date);
          }
        },
      },
      {
        from: 6 * 60 + 30,
        run() {
          if (ward === undefined) return;
          const [today, tomorrow] = [dateOf(world.day), dateOf(world.day + 1)];
          for (let i = 0; i < 3; i++) {
            if (!SWAPPED_TYPES.has(i)) continue;
            const pair = [staff[i]!, staff[i + 3]!];
            const [a, b] = swappable(pair[0]!, pair[1]!, today, tomorrow) ? pair : [pair[1]!, pair[0]!];
            if (!swappable(a!, b!, today, tomorrow)) continue;
            const [gives, takes] = [a!.shifts.get(today)!, b!.shifts.get(tomorrow)!];
            const saved = name('swap');
            world.minute += 2;
            world.step({
              role: 'hr_admin',
              module: 'hr',
              command: 'request-swap',
              body: {
                staffId: ref(a!.ref),
                shiftId: createdRef(gives, 'shiftId'),
                counterpartStaffId: ref(b!.ref),
                counterpartShiftId: createdRef(takes, 'shiftId'),
              },
              saveAs: saved,
            });
            world.minute += 2;
            world.step({
              role: 'ward_manager',
              module: 'hr',
              command: 'approve-swap',
              body: { swapId: createdRef(saved, 'swapId') },
            });
            // The shifts keep their ids and change hands.
            a!.shifts.delete(today);
            b!.shifts.delete(tomorrow);
            a!.shifts.set(tomorrow, takes);
            b!.shifts.set(today, gives);
          }
        },
      },
      {
        from: 9 * 60,
        run() {
          if (world.day % 3 !== 1) return;
          // Far enough ahead that nobody is rostered then yet (the roster is made a day ahead).
          const person = staff[((world.day / 3) % staff.length) | 0]!;
          const from = dateOf(world.day + 60);
          if (person.annualLeft < 1) {
            world.step({
              role: 'hr_admin',
              module: 'hr',
              command: 'credit-leave',
              body: { staffId: ref(person.ref), leaveType: 'annual', days: ANNUAL_DAYS },
            });
            person.annualLeft += ANNUAL_DAYS;
          }
          const saved = name('leave');
          world.step({
            role: 'hr_admin',
            module: 'hr',
            command: 'request-leave',
            body: { staffId: ref(person.ref), leaveType: 'annual', from, to: from },
            saveAs: saved,
          });
          person.annualLeft -= 1;
          asked = { person, name: saved, date: from, approve: ++requests % 4 !== 0 };
        },
      },
      {
        from: 11 * 60,
        run() {
          if (asked === undefined) return;
          const { person, name: saved, date, approve } = asked;
          asked = undefined;
          const body = { staffId: ref(person.ref), leaveId: createdRef(saved, 'leaveId') };
          if (approve) {
            world.step({ role: 'ward_manager', module: 'hr', command: 'approve-leave', body });
            person.onLeave.add(date);
          } else {
            world.step({
              role: 'ward_manager',
              module: 'hr',
              command: 'reject-leave',
              body: { ...body, reason: 'The ward is short of nurses that day.' },
            });
            person.annualLeft += 1;
          }
        },
      },
    ],
  };
}
