import type { HospitalWorld, ModuleWorkload } from '../../generate/hospital-world.js';
import { ref } from '../../generate/hospital-world.js';

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
  /** Last day of their licence (YYYY-MM-DD): no clinical shift after it. */
  readonly licenceValidTo: string;
}

/**
 * The HR module's share: on day 0 the ward's nurses (onboarded, licensed, leave balances), the
 * shift types, two demo users linked and granted; each day at 06:00 the ward manager rosters the
 * next day (each nurse keeps one shift type, five days in seven, so every rule holds: no overlap,
 * 16 h rest or more, 40 h a week, licences valid), at 09:00 now and then a leave request, and at
 * 02:00 the licence sweep for the day (as the CronJob would). One nurse's licence ends 20 days in,
 * so the sweep raises it and the roster leaves her off once it has expired.
 */
export function hrWorkload(world: HospitalWorld): ModuleWorkload {
  const staff: Staff[] = [];
  const types: string[] = [];
  let ward: string | undefined;

  return {
    setUp() {
      ward = world.wards[0];
      SHIFT_TYPES.forEach((type) => {
        const name = world.name('shift-type');
        world.step({
          role: 'ward_manager',
          module: 'hr',
          command: 'define-shift-type',
          body: { ...type },
          saveAs: name,
        });
        types.push(name);
      });
      for (let i = 0; i < 6; i++) {
        const name = world.name('staff');
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
            leaveBalances: { annual: 25, study: 5 },
          },
          saveAs: name,
        });
        const licenceValidTo = i === 0 ? dateOf(20) : '2028-12-31';
        world.step({
          role: 'hr_admin',
          module: 'hr',
          command: 'record-licence',
          body: {
            staffId: ref(name),
            qualification: 'Registered nurse',
            number: `RN-${world.hospitalId}-${i + 1}`,
            issuer: 'Nursing and Midwifery Council',
            validFrom: '2024-01-01',
            validTo: licenceValidTo,
          },
        });
        staff.push({ ref: name, shiftType: i % 3, licenceValidTo });
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
          staff.forEach((person, i) => {
            if ((world.day + i) % 7 >= 5 || date > person.licenceValidTo) return;
            world.minute += 2;
            world.step({
              role: 'ward_manager',
              module: 'hr',
              command: 'assign-shift',
              body: { staffId: ref(person.ref), shiftTypeId: ref(types[person.shiftType]!), wardId: ref(ward!), date },
            });
          });
        },
      },
      {
        from: 9 * 60,
        run() {
          if (world.day % 3 !== 1) return;
          // Far enough ahead that nobody is rostered then yet (the roster is made a day ahead).
          const person = staff[((world.day / 3) % staff.length) | 0]!;
          const from = dateOf(world.day + 60);
          world.step({
            role: 'ward_manager',
            module: 'hr',
            command: 'request-leave',
            body: { staffId: ref(person.ref), leaveType: 'annual', from, to: from },
          });
        },
      },
    ],
  };
}
