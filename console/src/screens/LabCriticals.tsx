import { useCan } from '../session/can.js';
import { useSession } from '../session/session.js';
import { CheckField, useFocusOnProblem } from '../ui/check.js';
import { Field, formValues, ProblemNotice, readableOf, useCommand } from '../ui/forms.js';
import { href } from '../ui/nav.js';
import { minutesText } from './lab-format.js';
import { type CriticalResult, labKey, useOpenCriticals } from './lab-queries.js';
import { usePatient } from './queries.js';

const FLAG = { critically_low: 'critically low', critically_high: 'critically high' } as const;
const criticalValue = (c: CriticalResult) => `${c.valueNumber}${c.unit ? ` ${c.unit}` : ''}`;

/**
 * Open critical results, oldest first, with their age: each stays here until a clinician has told
 * the responsible person and had the value read back (the acknowledgement form).
 */
export function LabCriticals() {
  const criticals = useOpenCriticals();
  const items = criticals.data?.items ?? [];
  return (
    <section aria-labelledby="criticals-heading">
      <h2 id="criticals-heading">Open critical results</h2>
      <p>Oldest first. Tell the responsible clinician, have them read the value back, then acknowledge it here.</p>
      <ProblemNotice problem={readableOf(criticals.error)} />
      {criticals.data && items.length === 0 ? <p role="status">No open critical result.</p> : null}
      <ul className="cards">
        {items.map((c) => (
          <CriticalCard key={`${c.orderId}/${c.testCode}`} critical={c} />
        ))}
      </ul>
    </section>
  );
}

function CriticalCard({ critical }: { critical: CriticalResult }) {
  const can = useCan();
  const headingId = `critical-${critical.orderId}-${critical.testCode}`;
  return (
    <li
      className="card card-critical"
      aria-labelledby={headingId}
      data-order-id={critical.orderId}
      data-test-code={critical.testCode}
    >
      <h3 id={headingId}>
        {critical.testName} {criticalValue(critical)} — {FLAG[critical.flag]}
      </h3>
      <p>
        Open for <strong>{minutesText(critical.ageMinutes)}</strong> (raised{' '}
        {new Date(critical.raisedAt).toLocaleString()}
        ).{' '}
        {can('get /hospitals/{hospitalId}/patients/{patientId}') ? (
          <PatientName patientId={critical.patientId} />
        ) : null}{' '}
        <a href={href('lab', 'orders', critical.orderId)}>The order</a>
      </p>
      {can('post /hospitals/{hospitalId}/laboratory/acknowledge-critical-result') ? (
        <Acknowledge critical={critical} />
      ) : (
        <p>A physician or nurse acknowledges it.</p>
      )}
    </li>
  );
}

function PatientName({ patientId }: { patientId: string }) {
  const patient = usePatient(patientId);
  const p = patient.data;
  return (
    <a href={href('patients', patientId)}>
      {p
        ? p.erased
          ? 'Patient (personal data erased)'
          : `${p.familyName ?? ''}, ${p.givenName ?? ''} (${p.mrn})`
        : 'Patient'}
    </a>
  );
}

/** Whom the result was told to, when, and that they read the value back (required: the API refuses without). */
function Acknowledge({ critical }: { critical: CriticalResult }) {
  const { api, hospitalId } = useSession();
  const acknowledge = useCommand(
    (v: Record<string, string>, key: string) =>
      api.command(
        '/hospitals/{hospitalId}/laboratory/acknowledge-critical-result',
        hospitalId,
        {
          orderId: critical.orderId,
          testCode: critical.testCode,
          notifiedPerson: v['notifiedPerson'] ?? '',
          readBack: v['readBack'] === 'on',
          // The browser's local time, sent as an instant (the API refuses one later than now).
          ...(v['notifiedAt'] ? { notifiedAt: new Date(v['notifiedAt']).toISOString() } : {}),
        },
        { idempotencyKey: key, ifMatch: critical.orderRevision },
      ),
    [labKey(hospitalId)],
  );
  const formRef = useFocusOnProblem(acknowledge.problem);
  return (
    <form
      ref={formRef}
      aria-label={`Acknowledge ${critical.testName} ${criticalValue(critical)}`}
      onSubmit={(e) => {
        e.preventDefault();
        acknowledge.mutate(formValues(e.currentTarget));
      }}
    >
      <Field
        label="Person told (name and role)"
        name="notifiedPerson"
        required
        error={acknowledge.fieldErrors['notifiedPerson']}
      />
      <Field
        label="Told at (your local time; empty: now)"
        name="notifiedAt"
        type="datetime-local"
        error={acknowledge.fieldErrors['notifiedAt']}
      />
      <CheckField
        label={`They read the value back: ${critical.testName} ${criticalValue(critical)}`}
        name="readBack"
        error={acknowledge.fieldErrors['readBack']}
      />
      <button type="submit" disabled={acknowledge.isPending}>
        Acknowledge
      </button>
      <ProblemNotice problem={acknowledge.problem} />
    </form>
  );
}
