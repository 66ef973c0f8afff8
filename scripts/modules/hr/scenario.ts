import type { ModuleScenario } from '../../e2e/scenario-context.js';

/** The nurse whose tokens HR governs in the scenario: her subject is linked to her staff record. */
const ANN = 'e2e-hr-ann';
/** A week in the future, in winter (Paris is UTC+1): the hospital's settings from tomorrow are in force. */
const MONDAY = '2030-01-07';
const TUESDAY = '2030-01-08';

/**
 * The HR module's part: HR onboards two nurses with licences and leave balances; the ward manager
 * defines shift types and rosters them on the scenario's ward (local Paris times; a second shift
 * with no rest between is refused naming `minimum-rest`, a double booking `shift-overlaps`); an
 * administrator links Ann to her tokens and grants her the nurse role; Ann asks for her own leave
 * (not for a colleague's) and a ward manager approves it; Ann asks to swap her shift for Bea's and
 * a ward manager approves. The views read back: the roster with coverage, the directory with the
 * balance, the leave calendar, swaps, hours, expiring licences. Then her role is revoked and her
 * token is refused within 5 s; auditors find the streams and the directory reads in her access log.
 */
export const hrScenario: ModuleScenario = {
  setUp: ({ command, ids }) => {
    it('onboards two licensed nurses, defines the Early and Late shifts, links Ann and grants her the nurse role', async () => {
      const onboard = async (givenName: string, validTo: string) => {
        const staffId = String(
          (
            await command('hr_admin', 'hr/onboard-staff', {
              givenName,
              familyName: 'Scenario',
              department: 'Medicine',
              jobTitle: 'Staff nurse',
              practitionerRoles: ['nurse'],
              startDate: '2024-01-01',
              leaveBalances: { annual: 10 },
            })
          ).body['id'],
        );
        await command('hr_admin', 'hr/record-licence', {
          staffId,
          qualification: 'Registered nurse',
          number: `RN-E2E-${givenName}`,
          issuer: 'Nursing Council',
          validFrom: '2024-01-01',
          validTo,
        });
        return staffId;
      };
      ids['hrAnn'] = await onboard('Ann', '2031-12-31');
      ids['hrBea'] = await onboard('Bea', '2030-01-20');
      const shiftType = async (name: string, startTime: string, endTime: string, requiredStaff: number) =>
        String(
          (
            await command('ward_manager', 'hr/define-shift-type', {
              name,
              startTime,
              endTime,
              clinical: true,
              requiredStaff,
            })
          ).body['id'],
        );
      ids['hrEarly'] = await shiftType('Early', '07:00', '15:00', 2);
      ids['hrLate'] = await shiftType('Late', '15:00', '23:00', 1);
      await command('admin', 'hr/link-user', { staffId: ids['hrAnn'], userId: ANN });
      await command('admin', 'hr/grant-access-role', { staffId: ids['hrAnn'], role: 'nurse' });
    });
  },

  care: ({ expect, command, attempt, read, ids, audited, hospitalId }) => {
    it('rosters both nurses; refuses a shift without rest (minimum-rest) and a double booking (shift-overlaps)', async () => {
      const assign = (staffId: string | undefined, shiftTypeId: string | undefined, date: string) => ({
        staffId,
        shiftTypeId,
        wardId: ids['ward'],
        date,
      });
      await command('ward_manager', 'hr/assign-shift', assign(ids['hrAnn'], ids['hrEarly'], MONDAY));
      await command('ward_manager', 'hr/assign-shift', assign(ids['hrBea'], ids['hrEarly'], TUESDAY));
      // A command answers its person's id (the stream it decided on): the shifts' ids are on the roster.
      const roster = (await read('ward_manager', `hr/wards/${ids['ward']}/roster?weekStart=${MONDAY}`)) as {
        shifts: { shiftId: string; staffId: string }[];
      };
      const shiftOf = (staffId: string | undefined) => roster.shifts.find((s) => s.staffId === staffId)?.shiftId;
      ids['hrAnnShift'] = String(shiftOf(ids['hrAnn']));
      ids['hrBeaShift'] = String(shiftOf(ids['hrBea']));
      const noRest = await attempt('ward_manager', 'hr/assign-shift', assign(ids['hrAnn'], ids['hrLate'], MONDAY));
      expect(noRest.status).to.equal(409);
      expect(noRest.body).to.include({ rule: 'minimum-rest' });
      const twice = await attempt('ward_manager', 'hr/assign-shift', assign(ids['hrAnn'], ids['hrEarly'], MONDAY));
      expect(twice.status).to.equal(409);
      expect(twice.body).to.include({ rule: 'shift-overlaps' });
    });

    it('Ann, granted the nurse role, reads her ward’s roster with her own token', async () => {
      const roster = await read('nurse', `hr/wards/${ids['ward']}/roster?weekStart=${MONDAY}`, ANN);
      expect((roster['shifts'] as unknown[]).length).to.equal(2);
    });

    it('Ann asks for her own leave (not for a colleague’s); a ward manager approves it', async () => {
      const forBea = await attempt(
        'nurse',
        'hr/request-leave',
        { staffId: ids['hrBea'], leaveType: 'annual', from: '2030-02-04', to: '2030-02-06' },
        { subject: ANN },
      );
      expect(forBea.status).to.equal(409);
      expect(forBea.body).to.include({ rule: 'not-your-own-record' });
      const requested = await command(
        'nurse',
        'hr/request-leave',
        { staffId: ids['hrAnn'], leaveType: 'annual', from: '2030-02-04', to: '2030-02-06' },
        { subject: ANN },
      );
      expect(requested.body['id']).to.equal(ids['hrAnn']);
      const calendar = (await read('ward_manager', 'hr/leave?from=2030-02-01&to=2030-02-28')) as {
        items: { leaveId: string; staffId: string; status: string }[];
      };
      const asked = calendar.items.find((l) => l.staffId === ids['hrAnn']);
      expect(asked).to.include({ status: 'requested' });
      ids['hrLeave'] = String(asked?.leaveId);
      await command('ward_manager', 'hr/approve-leave', { staffId: ids['hrAnn'], leaveId: ids['hrLeave'] });
    });

    it('Ann asks to swap her Monday for Bea’s Tuesday; a ward manager approves, each passing every roster rule', async () => {
      const swap = await command(
        'nurse',
        'hr/request-swap',
        {
          staffId: ids['hrAnn'],
          shiftId: ids['hrAnnShift'],
          counterpartStaffId: ids['hrBea'],
          counterpartShiftId: ids['hrBeaShift'],
        },
        { subject: ANN },
      );
      ids['hrSwap'] = String(swap.body['id']);
      await command('ward_manager', 'hr/approve-swap', { swapId: ids['hrSwap'] });
      audited.push(
        {
          stream: `staff-${hospitalId()}.${ids['hrAnn']}`,
          types: [
            'hr.StaffOnboarded',
            'hr.LicenceRecorded',
            'hr.UserLinked',
            'hr.ShiftAssigned',
            'hr.LeaveRequested',
            'hr.LeaveApproved',
            'hr.ShiftUnassigned',
          ],
        },
        {
          stream: `shiftSwap-${hospitalId()}.${ids['hrSwap']}`,
          types: ['hr.ShiftSwapRequested', 'hr.ShiftSwapApproved'],
        },
        {
          stream: `staffAccess-${hospitalId()}.${ANN}`,
          types: ['hr.AccessSubjectLinked', 'hr.AccessRoleGranted'],
        },
      );
    });
  },

  reads: ({ expect, read, peek, attempt, command, ids }) => {
    it('reads the roster with coverage, the directory, the leave calendar, swaps, hours and expiring licences', async () => {
      type Shift = { shiftId: string; staffId: string; date: string; startsAt: string; status: string };
      type Cover = { date: string; shiftTypeId: string; required: number; assigned: number; gap: number };
      const roster = (await read('ward_manager', `hr/wards/${ids['ward']}/roster?weekStart=${MONDAY}`)) as {
        shifts: Shift[];
        coverage: Cover[];
      };
      // The swap moved each shift to the other nurse; times are Paris local (07:00 CET is 06:00 UTC).
      expect(roster.shifts.map((s) => [s.shiftId, s.staffId, s.date, s.startsAt, s.status])).to.deep.equal([
        [ids['hrAnnShift'], ids['hrBea'], MONDAY, '2030-01-07T06:00:00.000Z', 'assigned'],
        [ids['hrBeaShift'], ids['hrAnn'], TUESDAY, '2030-01-08T06:00:00.000Z', 'assigned'],
      ]);
      const early = (date: string) => roster.coverage.find((c) => c.date === date && c.shiftTypeId === ids['hrEarly']);
      expect(early(MONDAY)).to.include({ required: 2, assigned: 1, gap: 1 });
      expect(roster.coverage.find((c) => c.date === MONDAY && c.shiftTypeId === ids['hrLate'])).to.include({
        required: 1,
        assigned: 0,
        gap: 1,
      });

      const directory = (await read('hr_admin', 'hr/staff?limit=100')) as { items: Record<string, unknown>[] };
      const ann = directory.items.find((s) => s['staffId'] === ids['hrAnn']);
      expect(ann).to.include({ givenName: 'Ann', userId: ANN, status: 'active' });
      expect(ann?.['accessRoles']).to.deep.equal(['nurse']);
      expect(ann?.['leaveBalances']).to.include({ annual: 7 });
      expect(ann?.['pendingLeave']).to.deep.equal({});

      const leave = (await read('ward_manager', 'hr/leave?from=2030-02-01&to=2030-02-28')) as {
        items: Record<string, unknown>[];
      };
      expect(leave.items.find((l) => l['leaveId'] === ids['hrLeave'])).to.include({
        staffId: ids['hrAnn'],
        status: 'approved',
        days: 3,
        requestedBy: ANN,
      });
      const swaps = (await read('ward_manager', 'hr/swaps?status=approved')) as { items: Record<string, unknown>[] };
      expect(swaps.items.map((s) => s['swapId'])).to.include(ids['hrSwap']);
      const hours = (await read('hr_admin', 'hr/hours?until=2030-01-09T00:00:00Z')) as {
        items: { staffId: string; hours: number }[];
      };
      expect(hours.items.filter((h) => h.staffId === ids['hrAnn'] || h.staffId === ids['hrBea'])).to.have.deep.members([
        { staffId: ids['hrAnn'], hours: 8 },
        { staffId: ids['hrBea'], hours: 8 },
      ]);
      const expiring = (await read('hr_admin', 'hr/licences?status=expiring&asOf=2030-01-01')) as {
        items: Record<string, unknown>[];
      };
      expect(expiring.items.map((l) => l['staffId'])).to.deep.equal([ids['hrBea']]);
    });

    it('revokes Ann’s nurse role: within 5 s both APIs refuse her token, whatever it says', async () => {
      await command('admin', 'hr/revoke-access-role', { staffId: ids['hrAnn'], role: 'nurse' });
      const deadline = Date.now() + 5_000;
      let roster = await peek('nurse', `hr/wards/${ids['ward']}/roster?weekStart=${MONDAY}`, ANN);
      while (roster.status !== 403 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        roster = await peek('nurse', `hr/wards/${ids['ward']}/roster?weekStart=${MONDAY}`, ANN);
      }
      expect(roster.status, JSON.stringify(roster.body)).to.equal(403);
      // No role left here: every route of the hospital is refused to her subject.
      expect(roster.body).to.include({ type: '/problems/access-not-granted' });
      const leave = await attempt(
        'nurse',
        'hr/request-leave',
        { staffId: ids['hrAnn'], leaveType: 'annual', from: '2030-03-04', to: '2030-03-04' },
        { subject: ANN },
      );
      expect(leave.status).to.equal(403);
    });
  },

  audit: ({ expect, read, ids }) => {
    it('auditors find the directory reads in Ann’s access log', async () => {
      const log = (await read('auditor', `audit/access-log?staffId=${ids['hrAnn']}`)) as {
        items: { type: string; data: Record<string, unknown> }[];
      };
      expect(log.items.length).to.be.greaterThan(0);
      expect(log.items[0]).to.deep.include({ type: 'audit.StaffPersonalDataAccessed' });
      expect(log.items[0]?.data).to.include({ staffId: ids['hrAnn'], view: 'staff_directory' });
    });
  },
};
