import { expect } from 'chai';
import type { CommandContext, DomainEvent } from '../shared/command-spec.js';
import {
  given,
  hospitalRegistered,
  hospitalSettingsChanged,
  TEST_HOSPITAL_REGISTERED_AT,
  TEST_NOW,
  testContext,
  testId,
} from '../shared/given-when-then.js';
import * as hr from './commands.js';
import { shiftInstants as instantsIn } from './dates.js';
import { busiestSevenDays } from './roster-rules.js';

/** The test hospital's time zone: shift times are its local times. */
const ZONE = 'Europe/Paris';
const shiftInstants = (date: string, start: string, end: string) => instantsIn(date, start, end, ZONE);
const STAFF = testId(1);
const OTHER = testId(2);
const SHIFT_TYPE = testId(10);
const NIGHT_TYPE = testId(11);
const OFFICE_TYPE = testId(12);
const WARD = testId(20);
const SHIFT = testId(30);
const LEAVE = testId(40);
const SWAP = testId(50);
const LICENCE = testId(60);

const ctx = (actor: { id: string; role: string }, ids: readonly string[] = []): CommandContext => ({
  ...testContext(ids),
  actor,
});
const manager = (ids: readonly string[] = []) => ctx({ id: 'manager-1', role: 'ward_manager' }, ids);
const nurseSelf = (ids: readonly string[] = []) => ctx({ id: 'user-nurse', role: 'nurse' }, ids);

const onboarded = (staffId = STAFF): DomainEvent => ({
  type: 'StaffOnboarded',
  data: {
    staffId,
    givenName: 'Ada',
    familyName: 'Byron',
    department: 'Medicine',
    jobTitle: 'Staff nurse',
    practitionerRoles: ['nurse'],
    startDate: '2025-01-01',
    onboardedAt: TEST_NOW,
  },
});
const linked = (staffId = STAFF, userId = 'user-nurse'): DomainEvent => ({
  type: 'UserLinked',
  data: { userId, staffId, linkedAt: TEST_NOW },
});
const accessLinked = (staffId = STAFF, userId = 'user-nurse'): DomainEvent => ({
  type: 'AccessSubjectLinked',
  data: { userId, staffId, linkedAt: TEST_NOW },
});
const licence = (validFrom = '2024-01-01', validTo = '2026-12-31', staffId = STAFF): DomainEvent => ({
  type: 'LicenceRecorded',
  data: {
    staffId,
    licenceId: LICENCE,
    qualification: 'Registered nurse',
    number: 'RN-1',
    issuer: 'Council',
    validFrom,
    validTo,
    recordedAt: TEST_NOW,
  },
});
const credited = (days: number, leaveType = 'annual'): DomainEvent => ({
  type: 'LeaveBalanceCredited',
  data: { staffId: STAFF, leaveType, days, creditedAt: TEST_NOW },
});
const shiftType = (id: string, startTime: string, endTime: string, clinical = true): DomainEvent => ({
  type: 'ShiftTypeDefined',
  data: { shiftTypeId: id, name: 'Day', startTime, endTime, clinical, requiredStaff: 2, definedAt: TEST_NOW },
});
const day = shiftType(SHIFT_TYPE, '07:00', '19:00');
const assigned = (
  shiftId: string,
  date: string,
  start = '07:00',
  end = '19:00',
  staffId = STAFF,
  clinical = true,
): DomainEvent => ({
  type: 'ShiftAssigned',
  data: {
    staffId,
    shiftId,
    shiftTypeId: SHIFT_TYPE,
    wardId: WARD,
    date,
    ...shiftInstants(date, start, end),
    clinical,
    swapId: null,
    assignedAt: TEST_NOW,
  },
});
const requestedLeave = (from: string, to: string, days: number, requestedBy = 'user-nurse'): DomainEvent => ({
  type: 'LeaveRequested',
  data: { staffId: STAFF, leaveId: LEAVE, leaveType: 'annual', from, to, days, requestedBy, requestedAt: TEST_NOW },
});
const approvedLeave = (days: number): DomainEvent => ({
  type: 'LeaveApproved',
  data: { staffId: STAFF, leaveId: LEAVE, days, approvedBy: 'manager-1', approvedAt: TEST_NOW },
});
/** The test hospital (Europe/Paris) with its working-time limits changed from the start. */
const limits = (minimumRestHours: number, maximumHoursPerSevenDays: number) => ({
  hospital: [
    hospitalRegistered(),
    hospitalSettingsChanged(1, TEST_HOSPITAL_REGISTERED_AT, { minimumRestHours, maximumHoursPerSevenDays }),
  ],
});
const assign = (date: string, shiftTypeId = SHIFT_TYPE) => ({ staffId: STAFF, shiftTypeId, wardId: WARD, date });

describe('hr decider: staff', () => {
  it('onboards a staff member with starting leave balances', () => {
    given({})
      .when(
        hr.onboardStaff,
        {
          givenName: 'Ada',
          familyName: 'Byron',
          department: 'Medicine',
          jobTitle: 'Staff nurse',
          practitionerRoles: ['nurse'],
          startDate: '2025-01-01',
          leaveBalances: { annual: 25, study: 0 },
        },
        testContext([STAFF]),
      )
      .thenEvents({ staff: [onboarded(), credited(25)] });
  });

  it('refuses: staff-already-onboarded', () => {
    const body = {
      givenName: 'A',
      familyName: 'B',
      department: 'M',
      jobTitle: 'P',
      practitionerRoles: [],
      startDate: '2025-01-01',
    };
    given({ staff: [onboarded()] })
      .when(hr.onboardStaff, body, testContext([STAFF]))
      .thenRejects('staff-already-onboarded');
  });

  it('separation ends shifts after the last day and every access role, and takes licences off the register', () => {
    given({
      staff: [onboarded(), linked(), licence(), assigned(testId(31), '2025-03-10'), assigned(testId(32), '2025-03-12')],
      access: [
        accessLinked(),
        {
          type: 'AccessRoleGranted',
          data: { userId: 'user-nurse', staffId: STAFF, role: 'nurse', grantedAt: TEST_NOW },
        },
      ],
    })
      .when(hr.separateStaff, { staffId: STAFF, separationDate: '2025-03-11', reason: 'resignation' })
      .thenEvents({
        staff: [
          {
            type: 'StaffSeparated',
            data: { staffId: STAFF, separationDate: '2025-03-11', reason: 'resignation', separatedAt: TEST_NOW },
          },
          {
            type: 'ShiftUnassigned',
            data: { staffId: STAFF, shiftId: testId(32), reason: 'separation', unassignedAt: TEST_NOW },
          },
        ],
        access: [
          {
            type: 'AccessRoleRevoked',
            data: { userId: 'user-nurse', staffId: STAFF, role: 'nurse', reason: 'separation', revokedAt: TEST_NOW },
          },
        ],
        // The licences are named, so the read model takes each off its lists from this event alone.
        register: [
          { type: 'LicenceTrackingEnded', data: { staffId: STAFF, licenceIds: [LICENCE], endedAt: TEST_NOW } },
        ],
      });
  });

  it('refuses: staff-not-found (separating nobody)', () => {
    given({})
      .when(hr.separateStaff, { staffId: STAFF, separationDate: '2025-03-11', reason: 'other' })
      .thenRejects('staff-not-found');
  });

  const separated: DomainEvent = {
    type: 'StaffSeparated',
    data: { staffId: STAFF, separationDate: '2025-03-11', reason: 'resignation', separatedAt: TEST_NOW },
  };

  it('refuses: staff-separated (separating twice)', () => {
    given({ staff: [onboarded(), separated] })
      .when(hr.separateStaff, { staffId: STAFF, separationDate: '2025-03-11', reason: 'other' })
      .thenRejects('staff-separated');
  });

  it('erases a separated staff member’s personal data; refuses staff-not-separated and staff-already-erased', () => {
    const erased: DomainEvent = {
      type: 'StaffPersonalDataErased',
      data: { staffId: STAFF, legalBasis: 'staff_request', erasedAt: TEST_NOW },
    };
    given({ staff: [onboarded(), separated] })
      .when(hr.eraseStaffPersonalData, { staffId: STAFF, legalBasis: 'staff_request' })
      .thenEvents({ staff: [erased] });
    given({ staff: [onboarded()] })
      .when(hr.eraseStaffPersonalData, { staffId: STAFF, legalBasis: 'staff_request' })
      .thenRejects('staff-not-separated');
    given({ staff: [onboarded(), separated, erased] })
      .when(hr.eraseStaffPersonalData, { staffId: STAFF, legalBasis: 'staff_request' })
      .thenRejects('staff-already-erased');
  });
});

describe('hr decider: access roles', () => {
  const granted: DomainEvent = {
    type: 'AccessRoleGranted',
    data: { userId: 'user-nurse', staffId: STAFF, role: 'nurse', grantedAt: TEST_NOW },
  };

  it('links a staff member to their identity-provider subject (on both streams); a repeat changes nothing', () => {
    given({}).when(hr.linkUser, { staffId: STAFF, userId: 'user-nurse' }).thenRejects('staff-not-found');
    given({ staff: [onboarded()] })
      .when(hr.linkUser, { staffId: STAFF, userId: 'user-nurse' })
      .thenEvents({ staff: [linked()], access: [accessLinked()] });
    given({ staff: [onboarded(), linked()], access: [accessLinked()] })
      .when(hr.linkUser, { staffId: STAFF, userId: 'user-nurse' })
      .thenEvents({});
  });

  it('refuses: user-already-linked (the subject is another person’s, or the person has another subject)', () => {
    given({ staff: [onboarded()], access: [accessLinked(OTHER)] })
      .when(hr.linkUser, { staffId: STAFF, userId: 'user-nurse' })
      .thenRejects('user-already-linked');
    given({ staff: [onboarded(), linked(STAFF, 'someone-else')] })
      .when(hr.linkUser, { staffId: STAFF, userId: 'user-nurse' })
      .thenRejects('user-already-linked');
  });

  it('grants a role to a linked staff member; refuses staff-not-linked and role-already-granted', () => {
    given({ staff: [onboarded(), linked()], access: [accessLinked()] })
      .when(hr.grantAccessRole, { staffId: STAFF, role: 'nurse' })
      .thenEvents({ access: [granted] });
    given({ staff: [onboarded()] })
      .when(hr.grantAccessRole, { staffId: STAFF, role: 'nurse' })
      .thenRejects('staff-not-linked');
    given({ staff: [onboarded(), linked()], access: [accessLinked(), granted] })
      .when(hr.grantAccessRole, { staffId: STAFF, role: 'nurse' })
      .thenRejects('role-already-granted');
  });

  it('revokes a granted role; refuses role-not-granted', () => {
    given({ staff: [onboarded(), linked()], access: [accessLinked(), granted] })
      .when(hr.revokeAccessRole, { staffId: STAFF, role: 'nurse' })
      .thenEvents({
        access: [
          {
            type: 'AccessRoleRevoked',
            data: { userId: 'user-nurse', staffId: STAFF, role: 'nurse', reason: 'revoked', revokedAt: TEST_NOW },
          },
        ],
      });
    given({ staff: [onboarded(), linked()], access: [accessLinked()] })
      .when(hr.revokeAccessRole, { staffId: STAFF, role: 'nurse' })
      .thenRejects('role-not-granted');
  });

  it('never grants platform_admin (bad input, 400)', () => {
    expect(hr.grantAccessRole.body.safeParse({ staffId: STAFF, role: 'platform_admin' }).success).to.equal(false);
  });
});

describe('hr decider: licences and the licence sweep', () => {
  const tracked = (validTo: string, licenceId = LICENCE): DomainEvent => ({
    type: 'LicenceTracked',
    data: { staffId: STAFF, licenceId, validTo },
  });

  it('records a licence on the staff record and the hospital’s register', () => {
    given({ staff: [onboarded()] })
      .when(
        hr.recordLicence,
        {
          staffId: STAFF,
          qualification: 'Registered nurse',
          number: 'RN-1',
          issuer: 'Council',
          validFrom: '2024-01-01',
          validTo: '2026-12-31',
        },
        testContext([LICENCE]),
      )
      .thenEvents({ staff: [licence()], register: [tracked('2026-12-31')] });
  });

  it('refuses a validity that ends before it starts (400 naming validTo)', () => {
    const parsed = hr.recordLicence.body.safeParse({
      staffId: STAFF,
      qualification: 'RN',
      number: '1',
      issuer: 'C',
      validFrom: '2025-01-02',
      validTo: '2025-01-01',
    });
    expect(parsed.success).to.equal(false);
    expect(parsed.error?.issues[0]?.path).to.deep.equal(['validTo']);
  });

  it('the sweep raises expiring within 30 days and expired, once each; a second sweep raises nothing', () => {
    const soon = testId(61);
    const gone = testId(62);
    const later = testId(63);
    const register = [tracked('2025-03-31', soon), tracked('2025-02-28', gone), tracked('2025-04-01', later)];
    const raised: DomainEvent[] = [
      {
        type: 'LicenceExpiringSoon',
        data: { staffId: STAFF, licenceId: soon, validTo: '2025-03-31', asOf: '2025-03-01' },
      },
      { type: 'LicenceExpired', data: { staffId: STAFF, licenceId: gone, validTo: '2025-02-28', asOf: '2025-03-01' } },
    ];
    given({ register }).when(hr.sweepLicences, { asOf: '2025-03-01' }).thenEvents({ register: raised });
    given({ register: [...register, ...raised] })
      .when(hr.sweepLicences, { asOf: '2025-03-01' })
      .thenEvents({});
  });

  it('a licence warned about earlier still raises its expiry; a separated person’s licences are no longer swept', () => {
    const warned: DomainEvent = {
      type: 'LicenceExpiringSoon',
      data: { staffId: STAFF, licenceId: LICENCE, validTo: '2025-03-10', asOf: '2025-02-20' },
    };
    given({ register: [tracked('2025-03-10'), warned] })
      .when(hr.sweepLicences, { asOf: '2025-03-11' })
      .thenEvents({
        register: [
          {
            type: 'LicenceExpired',
            data: { staffId: STAFF, licenceId: LICENCE, validTo: '2025-03-10', asOf: '2025-03-11' },
          },
        ],
      });
    given({
      register: [
        tracked('2025-03-10'),
        { type: 'LicenceTrackingEnded', data: { staffId: STAFF, licenceIds: [LICENCE], endedAt: TEST_NOW } },
      ],
    })
      .when(hr.sweepLicences, { asOf: '2025-03-11' })
      .thenEvents({});
  });
});

describe('hr decider: roster rules', () => {
  const staffWithLicence = [onboarded(), licence()];

  it('assigns a clinical shift to a licensed person', () => {
    given({ staff: staffWithLicence, shiftType: [day] })
      .when(hr.assignShift, assign('2025-03-10'), manager([SHIFT]))
      .thenEvents({ staff: [assigned(SHIFT, '2025-03-10')] });
  });

  it('refuses: shift-type-not-found, staff-not-found', () => {
    given({ staff: staffWithLicence })
      .when(hr.assignShift, assign('2025-03-10'), manager())
      .thenRejects('shift-type-not-found');
    given({ shiftType: [day] })
      .when(hr.assignShift, assign('2025-03-10'), manager())
      .thenRejects('staff-not-found');
  });

  it('refuses: shift-overlaps (a night shift running into the next day’s early shift)', () => {
    const night = shiftType(NIGHT_TYPE, '21:00', '07:30');
    given({ staff: [...staffWithLicence, assigned(testId(31), '2025-03-11')], shiftType: [night] })
      .when(hr.assignShift, assign('2025-03-10', NIGHT_TYPE), manager())
      .thenRejects('shift-overlaps');
  });

  it('refuses: licence-not-valid (no licence, or not valid that day); a non-clinical shift needs none', () => {
    given({ staff: [onboarded()], shiftType: [day] })
      .when(hr.assignShift, assign('2025-03-10'), manager())
      .thenRejects('licence-not-valid');
    given({ staff: [onboarded(), licence('2024-01-01', '2025-03-09')], shiftType: [day] })
      .when(hr.assignShift, assign('2025-03-10'), manager())
      .thenRejects('licence-not-valid');
    const office = shiftType(OFFICE_TYPE, '09:00', '17:00', false);
    given({ staff: [onboarded()], shiftType: [office] })
      .when(hr.assignShift, assign('2025-03-10', OFFICE_TYPE), manager([SHIFT]))
      .thenEvents({
        staff: [
          {
            type: 'ShiftAssigned',
            data: {
              staffId: STAFF,
              shiftId: SHIFT,
              shiftTypeId: OFFICE_TYPE,
              wardId: WARD,
              date: '2025-03-10',
              ...shiftInstants('2025-03-10', '09:00', '17:00'),
              clinical: false,
              swapId: null,
              assignedAt: TEST_NOW,
            },
          },
        ],
      });
  });

  it('refuses: on-approved-leave (a requested leave does not block)', () => {
    given({
      staff: [...staffWithLicence, credited(10), requestedLeave('2025-03-09', '2025-03-11', 3), approvedLeave(3)],
      shiftType: [day],
    })
      .when(hr.assignShift, assign('2025-03-10'), manager())
      .thenRejects('on-approved-leave');
    given({
      staff: [...staffWithLicence, credited(10), requestedLeave('2025-03-09', '2025-03-11', 3)],
      shiftType: [day],
    })
      .when(hr.assignShift, assign('2025-03-10'), manager([SHIFT]))
      .thenEvents({ staff: [assigned(SHIFT, '2025-03-10')] });
  });

  it('refuses: minimum-rest, the default 11 h (19:00 to 05:00 is 10 h)', () => {
    const early = shiftType(NIGHT_TYPE, '05:00', '13:00');
    given({ staff: [...staffWithLicence, assigned(testId(31), '2025-03-10')], shiftType: [early] })
      .when(hr.assignShift, assign('2025-03-11', NIGHT_TYPE), manager())
      .thenRejects('minimum-rest');
  });

  it('takes minimum rest from the hospital’s settings in force (8 h allows it)', () => {
    const early = shiftType(NIGHT_TYPE, '05:00', '13:00');
    given({ staff: [...staffWithLicence, assigned(testId(31), '2025-03-10')], shiftType: [early] }, limits(8, 48))
      .when(hr.assignShift, assign('2025-03-11', NIGHT_TYPE), manager([SHIFT]))
      .thenEvents({
        staff: [
          {
            type: 'ShiftAssigned',
            data: { ...(assigned(SHIFT, '2025-03-11', '05:00', '13:00').data as object), shiftTypeId: NIGHT_TYPE },
          },
        ],
      });
  });

  it('refuses: maximum-hours-exceeded, the default 48 h in a rolling 7 days (a fifth 12 h shift is 60 h)', () => {
    const four = ['2025-03-10', '2025-03-11', '2025-03-12', '2025-03-13'].map((d, i) => assigned(testId(31 + i), d));
    given({ staff: [...staffWithLicence, ...four], shiftType: [day] })
      .when(hr.assignShift, assign('2025-03-14'), manager())
      .thenRejects('maximum-hours-exceeded');
    // Outside the 7 days of the first it fits: 10th–13th and the 17th are 48 h in any 7 days.
    given({ staff: [...staffWithLicence, ...four], shiftType: [day] })
      .when(hr.assignShift, assign('2025-03-17'), manager([SHIFT]))
      .thenEvents({ staff: [assigned(SHIFT, '2025-03-17')] });
  });

  it('takes the maximum hours from the hospital’s settings (60 h allows the fifth shift)', () => {
    const four = ['2025-03-10', '2025-03-11', '2025-03-12', '2025-03-13'].map((d, i) => assigned(testId(31 + i), d));
    given({ staff: [...staffWithLicence, ...four], shiftType: [day] }, limits(11, 60))
      .when(hr.assignShift, assign('2025-03-14'), manager([SHIFT]))
      .thenEvents({ staff: [assigned(SHIFT, '2025-03-14')] });
  });

  it('refuses: staff-separated', () => {
    given({
      staff: [
        ...staffWithLicence,
        {
          type: 'StaffSeparated',
          data: { staffId: STAFF, separationDate: '2025-03-11', reason: 'other', separatedAt: TEST_NOW },
        },
      ],
      shiftType: [day],
    })
      .when(hr.assignShift, assign('2025-03-10'), manager())
      .thenRejects('staff-separated');
  });

  it('places shift times in the hospital’s time zone, across a daylight-saving change', () => {
    // Paris: CET (UTC+1) until 30 March 2025, then CEST (UTC+2); 07:00 local either side.
    expect(instantsIn('2025-03-29', '07:00', '19:00', ZONE)).to.deep.equal({
      startsAt: '2025-03-29T06:00:00.000Z',
      endsAt: '2025-03-29T18:00:00.000Z',
    });
    expect(instantsIn('2025-03-30', '07:00', '19:00', ZONE)).to.deep.equal({
      startsAt: '2025-03-30T05:00:00.000Z',
      endsAt: '2025-03-30T17:00:00.000Z',
    });
    // A night shift over the change is an hour shorter: 21:00 CET to 07:00 CEST is 9 h.
    const night = instantsIn('2025-03-29', '21:00', '07:00', ZONE);
    expect((Date.parse(night.endsAt) - Date.parse(night.startsAt)) / 3_600_000).to.equal(9);
    expect(instantsIn('2025-07-01', '21:00', '07:00', 'UTC')).to.deep.equal({
      startsAt: '2025-07-01T21:00:00.000Z',
      endsAt: '2025-07-02T07:00:00.000Z',
    });
  });

  it('takes the licence warning window from the hospital’s settings (10 days: a licence 20 days out is not yet raised)', () => {
    const register = [{ type: 'LicenceTracked', data: { staffId: STAFF, licenceId: LICENCE, validTo: '2025-03-21' } }];
    given({ register })
      .when(hr.sweepLicences, { asOf: '2025-03-01' })
      .thenEvents({
        register: [
          {
            type: 'LicenceExpiringSoon',
            data: { staffId: STAFF, licenceId: LICENCE, validTo: '2025-03-21', asOf: '2025-03-01' },
          },
        ],
      });
    const hospital = [
      hospitalRegistered(),
      hospitalSettingsChanged(1, TEST_HOSPITAL_REGISTERED_AT, { licenceExpiryWarningDays: 10 }),
    ];
    given({ register }, { hospital }).when(hr.sweepLicences, { asOf: '2025-03-01' }).thenEvents({});
  });

  describe('the sweep’s day is the hospital’s local date, not UTC’s', () => {
    // A licence valid to 20 March is valid all of 20 March where the hospital is.
    const register = [{ type: 'LicenceTracked', data: { staffId: STAFF, licenceId: LICENCE, validTo: '2025-03-20' } }];
    const expired = (asOf: string) => ({
      register: [{ type: 'LicenceExpired', data: { staffId: STAFF, licenceId: LICENCE, validTo: '2025-03-20', asOf } }],
    });
    const soon = (asOf: string) => ({
      register: [
        { type: 'LicenceExpiringSoon', data: { staffId: STAFF, licenceId: LICENCE, validTo: '2025-03-20', asOf } },
      ],
    });
    const at = (now: string) => ({ ...testContext(), now });
    const inZone = (timeZone: string) => ({ hospital: [hospitalRegistered({ timeZone })] });

    it('Auckland (UTC+13): at 23:30 UTC on the 20th it is already the 21st there, so the licence has expired', () => {
      given({ register }, inZone('Pacific/Auckland'))
        .when(hr.sweepLicences, {}, at('2025-03-20T23:30:00.000Z'))
        .thenEvents(expired('2025-03-21'));
    });

    it('Auckland: at 10:59 UTC on the 20th it is 23:59 on the 20th there, the last valid day, so only expiring', () => {
      given({ register }, inZone('Pacific/Auckland'))
        .when(hr.sweepLicences, {}, at('2025-03-20T10:59:00.000Z'))
        .thenEvents(soon('2025-03-20'));
    });

    it('Auckland: one minute later (00:00 on the 21st there) it has expired', () => {
      given({ register }, inZone('Pacific/Auckland'))
        .when(hr.sweepLicences, {}, at('2025-03-20T11:00:00.000Z'))
        .thenEvents(expired('2025-03-21'));
    });

    it('New York (UTC−4): at 02:00 UTC on the 21st it is still the evening of the 20th there, so not yet expired', () => {
      given({ register }, inZone('America/New_York'))
        .when(hr.sweepLicences, {}, at('2025-03-21T02:00:00.000Z'))
        .thenEvents(soon('2025-03-20'));
    });

    it('an explicit asOf is the hospital’s day as given, whatever the clock says', () => {
      given({ register }, inZone('Pacific/Auckland'))
        .when(hr.sweepLicences, { asOf: '2025-03-19' }, at('2025-03-20T23:30:00.000Z'))
        .thenEvents(soon('2025-03-19'));
    });
  });

  it('counts the busiest rolling 7 days that include the new shift', () => {
    const shift = (id: number, date: string) => ({
      shiftId: testId(id),
      shiftTypeId: SHIFT_TYPE,
      wardId: WARD,
      date,
      clinical: true,
      ...shiftInstants(date, '07:00', '19:00'),
    });
    expect(busiestSevenDays([shift(1, '2025-03-01'), shift(2, '2025-03-09')], shift(3, '2025-03-05'))).to.equal(24);
  });

  it('cancels a rostered shift; refuses shift-not-found', () => {
    given({ staff: [...staffWithLicence, assigned(SHIFT, '2025-03-10')] })
      .when(hr.cancelShift, { staffId: STAFF, shiftId: SHIFT }, manager())
      .thenEvents({
        staff: [
          {
            type: 'ShiftUnassigned',
            data: { staffId: STAFF, shiftId: SHIFT, reason: 'cancelled', unassignedAt: TEST_NOW },
          },
        ],
      });
    given({ staff: staffWithLicence })
      .when(hr.cancelShift, { staffId: STAFF, shiftId: SHIFT }, manager())
      .thenRejects('shift-not-found');
  });

  it('defines a shift type; refuses a type with the same start and end (400)', () => {
    given({})
      .when(
        hr.defineShiftType,
        { name: 'Day', startTime: '07:00', endTime: '19:00', clinical: true, requiredStaff: 2 },
        manager([SHIFT_TYPE]),
      )
      .thenEvents({ shiftType: [day] });
    expect(
      hr.defineShiftType.body.safeParse({
        name: 'X',
        startTime: '07:00',
        endTime: '07:00',
        clinical: true,
        requiredStaff: 1,
      }).success,
    ).to.equal(false);
  });

  it('refuses: shift-type-already-defined', () => {
    given({ shiftType: [day] })
      .when(
        hr.defineShiftType,
        { name: 'Day', startTime: '07:00', endTime: '19:00', clinical: true, requiredStaff: 2 },
        manager([SHIFT_TYPE]),
      )
      .thenRejects('shift-type-already-defined');
  });
});

describe('hr decider: leave', () => {
  const base = [onboarded(), linked(), credited(5)];

  it('a staff member requests leave for themselves', () => {
    given({ staff: base })
      .when(
        hr.requestLeave,
        { staffId: STAFF, leaveType: 'annual', from: '2025-04-01', to: '2025-04-03' },
        nurseSelf([LEAVE]),
      )
      .thenEvents({ staff: [requestedLeave('2025-04-01', '2025-04-03', 3)] });
  });

  it('refuses: not-your-own-record (a nurse for a colleague); a ward manager may ask for anyone', () => {
    given({ staff: base })
      .when(
        hr.requestLeave,
        { staffId: STAFF, leaveType: 'annual', from: '2025-04-01', to: '2025-04-01' },
        ctx({ id: 'user-other', role: 'nurse' }),
      )
      .thenRejects('not-your-own-record');
    given({ staff: base })
      .when(
        hr.requestLeave,
        { staffId: STAFF, leaveType: 'annual', from: '2025-04-01', to: '2025-04-01' },
        manager([LEAVE]),
      )
      .thenEvents({ staff: [requestedLeave('2025-04-01', '2025-04-01', 1, 'manager-1')] });
  });

  it('refuses: leave-balance-insufficient (6 days of 5), counting days already asked for', () => {
    given({ staff: base })
      .when(hr.requestLeave, { staffId: STAFF, leaveType: 'annual', from: '2025-04-01', to: '2025-04-06' }, nurseSelf())
      .thenRejects('leave-balance-insufficient');
    given({ staff: [...base, requestedLeave('2025-04-01', '2025-04-03', 3)] })
      .when(hr.requestLeave, { staffId: STAFF, leaveType: 'annual', from: '2025-05-01', to: '2025-05-03' }, nurseSelf())
      .thenRejects('leave-balance-insufficient');
  });

  it('refuses: leave-overlaps', () => {
    given({ staff: [...base, requestedLeave('2025-04-01', '2025-04-03', 3)] })
      .when(hr.requestLeave, { staffId: STAFF, leaveType: 'annual', from: '2025-04-03', to: '2025-04-03' }, nurseSelf())
      .thenRejects('leave-overlaps');
  });

  it('a manager approves; the days come off the balance', () => {
    given({ staff: [...base, requestedLeave('2025-04-01', '2025-04-03', 3)] })
      .when(hr.approveLeave, { staffId: STAFF, leaveId: LEAVE }, manager())
      .thenEvents({ staff: [approvedLeave(3)] });
  });

  it('refuses: approver-is-requester (approve and reject)', () => {
    const history = [...base, requestedLeave('2025-04-01', '2025-04-03', 3, 'manager-1')];
    given({ staff: history })
      .when(hr.approveLeave, { staffId: STAFF, leaveId: LEAVE }, manager())
      .thenRejects('approver-is-requester');
    given({ staff: history })
      .when(hr.rejectLeave, { staffId: STAFF, leaveId: LEAVE, reason: 'Busy' }, manager())
      .thenRejects('approver-is-requester');
  });

  it('refuses: leave-balance-insufficient at approval (never negative)', () => {
    // Requested when 5 were left; 3 of another approved request since took the balance to 2.
    const other = testId(41);
    const history = [
      ...base,
      requestedLeave('2025-04-01', '2025-04-03', 3),
      {
        type: 'LeaveRequested',
        data: {
          staffId: STAFF,
          leaveId: other,
          leaveType: 'annual',
          from: '2025-05-01',
          to: '2025-05-02',
          days: 2,
          requestedBy: 'user-nurse',
          requestedAt: TEST_NOW,
        },
      },
      {
        type: 'LeaveApproved',
        data: { staffId: STAFF, leaveId: other, days: 2, approvedBy: 'manager-1', approvedAt: TEST_NOW },
      },
      { type: 'LeaveBalanceCredited', data: { staffId: STAFF, leaveType: 'annual', days: -1, creditedAt: TEST_NOW } },
    ];
    given({ staff: history })
      .when(hr.approveLeave, { staffId: STAFF, leaveId: LEAVE }, manager())
      .thenRejects('leave-balance-insufficient');
  });

  it('refuses: rostered-during-leave', () => {
    given({ staff: [...base, licence(), assigned(SHIFT, '2025-04-02'), requestedLeave('2025-04-01', '2025-04-03', 3)] })
      .when(hr.approveLeave, { staffId: STAFF, leaveId: LEAVE }, manager())
      .thenRejects('rostered-during-leave');
  });

  it('rejects with a reason; refuses leave-not-found and leave-not-pending', () => {
    given({ staff: [...base, requestedLeave('2025-04-01', '2025-04-03', 3)] })
      .when(hr.rejectLeave, { staffId: STAFF, leaveId: LEAVE, reason: 'Ward short' }, manager())
      .thenEvents({
        staff: [
          {
            type: 'LeaveRejected',
            data: {
              staffId: STAFF,
              leaveId: LEAVE,
              rejectedBy: 'manager-1',
              reason: 'Ward short',
              rejectedAt: TEST_NOW,
            },
          },
        ],
      });
    given({ staff: base })
      .when(hr.approveLeave, { staffId: STAFF, leaveId: LEAVE }, manager())
      .thenRejects('leave-not-found');
    given({ staff: [...base, requestedLeave('2025-04-01', '2025-04-03', 3), approvedLeave(3)] })
      .when(hr.approveLeave, { staffId: STAFF, leaveId: LEAVE }, manager())
      .thenRejects('leave-not-pending');
  });

  it('credits leave days', () => {
    given({ staff: [onboarded()] })
      .when(hr.creditLeave, { staffId: STAFF, leaveType: 'annual', days: 25 })
      .thenEvents({ staff: [credited(25)] });
  });
});

describe('hr decider: shift swaps', () => {
  const mine = testId(31);
  const theirs = testId(32);
  const requester = [onboarded(), linked(), licence(), assigned(mine, '2025-03-10')];
  const counterpart = [
    onboarded(OTHER),
    licence('2024-01-01', '2026-12-31', OTHER),
    assigned(theirs, '2025-03-12', '07:00', '19:00', OTHER),
  ];
  const requested: DomainEvent = {
    type: 'ShiftSwapRequested',
    data: {
      swapId: SWAP,
      requesterStaffId: STAFF,
      requesterShiftId: mine,
      counterpartStaffId: OTHER,
      counterpartShiftId: theirs,
      requestedBy: 'user-nurse',
      requestedAt: TEST_NOW,
    },
  };
  const body = { staffId: STAFF, shiftId: mine, counterpartStaffId: OTHER, counterpartShiftId: theirs };

  it('a staff member asks to swap their shift for a colleague’s', () => {
    given({ requester, counterpart })
      .when(hr.requestSwap, body, nurseSelf([SWAP]))
      .thenEvents({ swap: [requested] });
  });

  it('refuses: not-your-own-record, swap-with-self, shift-not-found', () => {
    given({ requester, counterpart })
      .when(hr.requestSwap, body, ctx({ id: 'someone', role: 'nurse' }))
      .thenRejects('not-your-own-record');
    given({ requester })
      .when(hr.requestSwap, { ...body, counterpartStaffId: STAFF }, nurseSelf())
      .thenRejects('swap-with-self');
    given({ requester, counterpart })
      .when(hr.requestSwap, { ...body, counterpartShiftId: testId(99) }, nurseSelf())
      .thenRejects('shift-not-found');
  });

  it('a ward manager approves: each person gives one shift and takes the other', () => {
    given({ swap: [requested], requester, counterpart })
      .when(hr.approveSwap, { swapId: SWAP }, manager())
      .thenEvents({
        swap: [{ type: 'ShiftSwapApproved', data: { swapId: SWAP, approvedBy: 'manager-1', approvedAt: TEST_NOW } }],
        requester: [
          {
            type: 'ShiftUnassigned',
            data: { staffId: STAFF, shiftId: mine, reason: 'swapped', unassignedAt: TEST_NOW },
          },
          { type: 'ShiftAssigned', data: { ...(assigned(theirs, '2025-03-12').data as object), swapId: SWAP } },
        ],
        counterpart: [
          {
            type: 'ShiftUnassigned',
            data: { staffId: OTHER, shiftId: theirs, reason: 'swapped', unassignedAt: TEST_NOW },
          },
          {
            type: 'ShiftAssigned',
            data: { ...(assigned(mine, '2025-03-10', '07:00', '19:00', OTHER).data as object), swapId: SWAP },
          },
        ],
      });
  });

  it('refuses a swap whose result breaks a roster rule for either person (licence-not-valid for the counterpart)', () => {
    const unlicensed = [onboarded(OTHER), assigned(theirs, '2025-03-12', '07:00', '19:00', OTHER)];
    given({ swap: [requested], requester, counterpart: unlicensed })
      .when(hr.approveSwap, { swapId: SWAP }, manager())
      .thenRejects('licence-not-valid');
  });

  it('refuses a swap whose result breaks minimum rest for the requester', () => {
    const busy = [...requester, assigned(testId(33), '2025-03-11', '07:00', '20:30')];
    given({ swap: [requested], requester: busy, counterpart })
      .when(hr.approveSwap, { swapId: SWAP }, manager())
      .thenRejects('minimum-rest');
  });

  it('refuses: swap-not-found, swap-not-pending, approver-is-requester', () => {
    given({}).when(hr.approveSwap, { swapId: SWAP }, manager()).thenRejects('swap-not-found');
    const rejected: DomainEvent = {
      type: 'ShiftSwapRejected',
      data: { swapId: SWAP, rejectedBy: 'manager-1', reason: 'No', rejectedAt: TEST_NOW },
    };
    given({ swap: [requested, rejected], requester, counterpart })
      .when(hr.approveSwap, { swapId: SWAP }, manager())
      .thenRejects('swap-not-pending');
    given({ swap: [requested], requester, counterpart })
      .when(hr.approveSwap, { swapId: SWAP }, ctx({ id: 'user-nurse', role: 'ward_manager' }))
      .thenRejects('approver-is-requester');
  });

  it('rejects a swap with a reason', () => {
    given({ swap: [requested] })
      .when(hr.rejectSwap, { swapId: SWAP, reason: 'Ward short' }, manager())
      .thenEvents({
        swap: [
          {
            type: 'ShiftSwapRejected',
            data: { swapId: SWAP, rejectedBy: 'manager-1', reason: 'Ward short', rejectedAt: TEST_NOW },
          },
        ],
      });
  });
});
