import { useState } from 'react';
import { useCan } from '../session/can.js';
import { useSession } from '../session/session.js';
import { useFocusOnProblem } from '../ui/check.js';
import { Field, formValues, ProblemNotice, readableOf, useCommand } from '../ui/forms.js';
import { addDays, hrKey, type Leave, type Staff, todayUtc, useLeave, useRoster, useStaff } from './hr-queries.js';
import { useWards } from './queries.js';

const ROSTER = 'get /hospitals/{hospitalId}/hr/wards/{wardId}/roster';
const LEAVE = 'get /hospitals/{hospitalId}/hr/leave';
const DIRECTORY = 'get /hospitals/{hospitalId}/hr/staff';
const LEAVE_TYPES = [
  ['annual', 'Annual leave'],
  ['sick', 'Sick leave'],
  ['parental', 'Parental leave'],
  ['study', 'Study leave'],
  ['unpaid', 'Unpaid leave'],
] as const;

/** Staff: a ward's roster for a week with its coverage, and the leave requests a manager decides. */
export function Hr() {
  const can = useCan();
  const staff = useStaff(can(DIRECTORY));
  const byId = new Map((staff.data?.items ?? []).map((s) => [s.staffId, s]));
  return (
    <div>
      {can(ROSTER) ? <RosterWeek byId={byId} /> : null}
      {can(LEAVE) ? <LeaveRequests byId={byId} staff={staff.data?.items ?? []} /> : null}
    </div>
  );
}

const nameOf = (byId: ReadonlyMap<string, Staff>, staffId: string) => {
  const s = byId.get(staffId);
  return s ? `${s.familyName}, ${s.givenName}` : `staff ${staffId.slice(0, 8)}…`;
};

/** The week's coverage per day and shift type: required against rostered, the gap shown as an alert. */
function RosterWeek({ byId }: { byId: ReadonlyMap<string, Staff> }) {
  const wards = useWards();
  const [wardId, setWardId] = useState<string | undefined>();
  const [weekStart, setWeekStart] = useState(todayUtc());
  const ward = wardId ?? wards.data?.items[0]?.wardId;
  const roster = useRoster(ward, weekStart);
  const coverage = roster.data?.coverage ?? [];
  const wardName = wards.data?.items.find((w) => w.wardId === ward)?.name ?? '';
  const short = coverage.filter((c) => c.gap > 0).length;
  return (
    <section aria-labelledby="roster-heading">
      <h2 id="roster-heading">Roster and coverage</h2>
      <div className="inline">
        <label htmlFor="roster-ward">Ward</label>
        <select id="roster-ward" value={ward ?? ''} onChange={(e) => setWardId(e.currentTarget.value)}>
          {(wards.data?.items ?? []).map((w) => (
            <option key={w.wardId} value={w.wardId}>
              {w.name}
            </option>
          ))}
        </select>
        <label htmlFor="roster-week">Week starting</label>
        <input
          id="roster-week"
          type="date"
          value={weekStart}
          onChange={(e) => e.currentTarget.value && setWeekStart(e.currentTarget.value)}
        />
      </div>
      <ProblemNotice problem={readableOf(wards.error ?? roster.error)} />
      {roster.data && coverage.length === 0 ? (
        <p role="status">No shift type is defined, so nothing is required of this week.</p>
      ) : null}
      {coverage.length > 0 ? (
        <>
          <p role="status" className={short > 0 ? 'alert-text' : 'ok'}>
            {short > 0 ? `${short} shift${short === 1 ? '' : 's'} short of staff this week.` : 'Every shift covered.'}
          </p>
          <table>
            <caption>
              Coverage of {wardName}, {roster.data!.weekStart} to {roster.data!.weekEnd}
            </caption>
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">Shift</th>
                <th scope="col">Required</th>
                <th scope="col">Rostered</th>
                <th scope="col">Coverage</th>
                <th scope="col">Staff</th>
              </tr>
            </thead>
            <tbody>
              {coverage.map((c) => (
                <tr key={`${c.date}/${c.shiftTypeId}`} data-date={c.date} data-gap={c.gap}>
                  <td>{c.date}</td>
                  <td>{c.shiftTypeName}</td>
                  <td>{c.required}</td>
                  <td>{c.assigned}</td>
                  <td className={c.gap > 0 ? 'alert-text' : undefined}>
                    {c.gap > 0 ? `short by ${c.gap}` : 'covered'}
                  </td>
                  <td>{c.staffIds.map((id) => nameOf(byId, id)).join('; ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}

/** Leave overlapping a period; requested leave is approved or rejected (If-Match: the person's revision). */
function LeaveRequests({ byId, staff }: { byId: ReadonlyMap<string, Staff>; staff: readonly Staff[] }) {
  const can = useCan();
  const [from, setFrom] = useState(todayUtc());
  const to = addDays(from, 91);
  const leave = useLeave(from, to);
  const items = leave.data?.items ?? [];
  return (
    <section aria-labelledby="leave-heading">
      <h2 id="leave-heading">Leave</h2>
      <div className="inline">
        <label htmlFor="leave-from">Leave from (the 92 days after)</label>
        <input
          id="leave-from"
          type="date"
          value={from}
          onChange={(e) => e.currentTarget.value && setFrom(e.currentTarget.value)}
        />
      </div>
      <ProblemNotice problem={readableOf(leave.error)} />
      {leave.data && items.length === 0 ? <p role="status">No leave requested or approved in these days.</p> : null}
      {items.length > 0 ? (
        <table>
          <caption>
            Leave from {from} to {to}, by first day
          </caption>
          <thead>
            <tr>
              <th scope="col">Who</th>
              <th scope="col">Kind</th>
              <th scope="col">Days</th>
              <th scope="col">Status</th>
              <th scope="col">Decision</th>
            </tr>
          </thead>
          <tbody>
            {items.map((l) => (
              <tr key={l.leaveId} data-leave-id={l.leaveId}>
                <td>{nameOf(byId, l.staffId)}</td>
                <td>{LEAVE_TYPES.find(([k]) => k === l.leaveType)?.[1] ?? l.leaveType}</td>
                <td>
                  {l.from === l.to ? l.from : `${l.from} to ${l.to}`} ({l.days} day{l.days === 1 ? '' : 's'})
                </td>
                <td>{l.status}</td>
                <td>
                  {l.status === 'requested' && can('post /hospitals/{hospitalId}/hr/approve-leave') ? (
                    <Decide leave={l} who={nameOf(byId, l.staffId)} revision={byId.get(l.staffId)?.revision} />
                  ) : (
                    '—'
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {can('post /hospitals/{hospitalId}/hr/request-leave') && staff.length > 0 ? <RequestLeave staff={staff} /> : null}
    </section>
  );
}

function Decide({ leave, who, revision }: { leave: Leave; who: string; revision: number | undefined }) {
  const { api, hospitalId } = useSession();
  const [rejecting, setRejecting] = useState(false);
  const options = (key: string) => ({ idempotencyKey: key, ...(revision === undefined ? {} : { ifMatch: revision }) });
  const approve = useCommand(
    (_: undefined, key: string) =>
      api.command(
        '/hospitals/{hospitalId}/hr/approve-leave',
        hospitalId,
        { staffId: leave.staffId, leaveId: leave.leaveId },
        options(key),
      ),
    [hrKey(hospitalId)],
  );
  const reject = useCommand(
    (reason: string, key: string) =>
      api.command(
        '/hospitals/{hospitalId}/hr/reject-leave',
        hospitalId,
        { staffId: leave.staffId, leaveId: leave.leaveId, reason },
        options(key),
      ),
    [hrKey(hospitalId)],
  );
  const rejectRef = useFocusOnProblem(reject.problem);
  return (
    <div>
      <button
        type="button"
        aria-label={`Approve ${who}’s leave from ${leave.from}`}
        onClick={() => approve.mutate(undefined)}
        disabled={approve.isPending}
      >
        Approve
      </button>{' '}
      <button type="button" aria-expanded={rejecting} onClick={() => setRejecting(!rejecting)}>
        Reject…
      </button>
      <ProblemNotice problem={approve.problem} />
      {/* A decision has no field of its own: a refusal naming one (the balance) is shown here. */}
      {Object.values(approve.fieldErrors).map((m) => (
        <p key={m} className="field-error">
          {m}
        </p>
      ))}
      {rejecting ? (
        <form
          ref={rejectRef}
          aria-label={`Reject ${who}’s leave from ${leave.from}`}
          onSubmit={(e) => {
            e.preventDefault();
            reject.mutate(formValues(e.currentTarget)['reason'] ?? '');
          }}
        >
          <Field label="Reason (told to them)" name="reason" required error={reject.fieldErrors['reason']} />
          <button type="submit" disabled={reject.isPending}>
            Reject leave
          </button>
          <ProblemNotice problem={reject.problem} />
        </form>
      ) : null}
    </div>
  );
}

/** A leave request entered for a member of staff (a form handed in on paper, a phone call). */
function RequestLeave({ staff }: { staff: readonly Staff[] }) {
  const { api, hospitalId } = useSession();
  const revisionOf = (staffId: string | undefined) => {
    const revision = staff.find((s) => s.staffId === staffId)?.revision;
    return revision === undefined ? {} : { ifMatch: revision };
  };
  const request = useCommand(
    (v: Record<string, string>, key: string) =>
      api.command(
        '/hospitals/{hospitalId}/hr/request-leave',
        hospitalId,
        {
          staffId: v['staffId'] ?? '',
          leaveType: (v['leaveType'] ?? 'annual') as 'annual',
          from: v['from'] ?? '',
          to: v['to'] ?? '',
        },
        // The request is recorded on the person's record: If-Match on it as the directory showed it.
        { idempotencyKey: key, ...revisionOf(v['staffId']) },
      ),
    [hrKey(hospitalId)],
  );
  const formRef = useFocusOnProblem(request.problem);
  const e = request.fieldErrors;
  return (
    <form
      ref={formRef}
      aria-labelledby="request-leave-heading"
      onSubmit={(event) => {
        event.preventDefault();
        request.mutate(formValues(event.currentTarget));
      }}
    >
      <h3 id="request-leave-heading">Request leave for someone</h3>
      <Field
        label="Member of staff"
        name="staffId"
        options={staff
          .filter((s) => s.status === 'active')
          .map((s) => [s.staffId, `${s.familyName}, ${s.givenName} (${s.jobTitle})`] as const)}
        error={e['staffId']}
      />
      <Field label="Kind of leave" name="leaveType" options={LEAVE_TYPES} error={e['leaveType']} />
      <Field label="First day" name="from" type="date" required error={e['from']} />
      <Field label="Last day" name="to" type="date" required error={e['to']} />
      <button type="submit" disabled={request.isPending}>
        Request leave
      </button>
      <ProblemNotice problem={request.problem} />
      {request.isSuccess ? <p role="status">Leave requested.</p> : null}
    </form>
  );
}
