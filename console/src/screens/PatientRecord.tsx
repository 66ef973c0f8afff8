import { useSession } from '../session/session.js';
import { Field, formValues, ProblemNotice, readableOf, useCommand } from '../ui/forms.js';
import { href } from '../ui/nav.js';
import { DuplicateDecision } from './DuplicateDecision.js';
import { usePatient, useStays, useWards } from './queries.js';
import { StayLinks } from './StayLinks.js';

/** The patient banner: who this is, at a glance, on every screen about them. */
export function PatientBanner({ patientId }: { patientId: string }) {
  const patient = usePatient(patientId);
  const p = patient.data;
  if (!p) return <ProblemNotice problem={readableOf(patient.error)} />;
  const highAllergies = p.allergies.filter((a) => a.criticality === 'high');
  return (
    <section className="banner" aria-label="Patient banner">
      <p className="banner-name">
        {p.erased ? '[personal data erased]' : `${p.familyName ?? ''}, ${p.givenName ?? ''}`}
      </p>
      <dl className="banner-facts">
        <dt>MRN</dt>
        <dd>{p.mrn}</dd>
        <dt>Born</dt>
        <dd>{p.birthDate ?? '—'}</dd>
        <dt>Sex</dt>
        <dd>{p.sex}</dd>
        <dt>Status</dt>
        <dd>{p.status}</dd>
        <dt>Allergies</dt>
        <dd>
          {p.allergies.length === 0 ? 'none recorded' : p.allergies.map((a) => a.substance).join(', ')}
          {highAllergies.length > 0 ? <strong className="alert-text"> (high criticality)</strong> : null}
        </dd>
      </dl>
    </section>
  );
}

/** The record: allergies, diagnoses, stays; recording an allergy or a diagnosis (nurses, physicians). */
export function PatientRecord({ patientId }: { patientId: string }) {
  const { api, hospitalId } = useSession();
  const patient = usePatient(patientId);
  const stays = useStays(patientId);
  const revision = patient.data?.revision;
  const allergy = useCommand(
    (v: Record<string, string>, key: string) =>
      api.command(
        '/hospitals/{hospitalId}/patients/record-allergy',
        hospitalId,
        {
          patientId,
          substance: v['substance'] ?? '',
          category: (v['category'] ?? 'medication') as 'food' | 'medication' | 'environment' | 'biologic',
          criticality: (v['criticality'] ?? 'low') as 'low' | 'high' | 'unable_to_assess',
          ...(v['reaction'] ? { reaction: v['reaction'] } : {}),
        },
        { idempotencyKey: key, ...(revision === undefined ? {} : { ifMatch: revision }) },
      ),
    [['patients', hospitalId]],
  );
  const diagnosis = useCommand(
    (v: Record<string, string>, key: string) =>
      api.command(
        '/hospitals/{hospitalId}/patients/record-diagnosis',
        hospitalId,
        {
          patientId,
          code: v['code'] ?? '',
          verification: (v['verification'] ?? 'provisional') as 'provisional' | 'differential' | 'confirmed',
          ...(v['note'] ? { note: v['note'] } : {}),
        },
        { idempotencyKey: key, ...(revision === undefined ? {} : { ifMatch: revision }) },
      ),
    [['patients', hospitalId]],
  );
  const p = patient.data;
  return (
    <div>
      <PatientBanner patientId={patientId} />
      <p>
        <a href={href('audit', `patient-${hospitalId}.${patientId}`)}>This record’s history (auditors)</a>
        {' · '}
        <a href={href('lab', 'order', patientId)}>Laboratory: order tests, results</a>
      </p>
      {p && Object.values(p.possibleDuplicates).some((d) => d.resolution === 'open') ? (
        <DuplicateDecision patientId={patientId} />
      ) : null}
      <div className="columns">
        <section aria-labelledby="allergies-heading">
          <h2 id="allergies-heading">Allergies</h2>
          {p && p.allergies.length > 0 ? (
            <ul>
              {p.allergies.map((a) => (
                <li key={a.allergyId}>
                  {a.substance} ({a.category}, criticality {a.criticality}){a.reaction ? ` — ${a.reaction}` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p>None recorded.</p>
          )}
          <form
            aria-label="Record an allergy"
            onSubmit={(e) => {
              e.preventDefault();
              allergy.mutate(formValues(e.currentTarget));
            }}
          >
            <Field label="Substance" name="substance" required error={allergy.fieldErrors['substance']} />
            <Field
              label="Category"
              name="category"
              options={[
                ['medication', 'Medication'],
                ['food', 'Food'],
                ['environment', 'Environment'],
                ['biologic', 'Biologic'],
              ]}
            />
            <Field
              label="Criticality"
              name="criticality"
              options={[
                ['low', 'Low'],
                ['high', 'High'],
                ['unable_to_assess', 'Unable to assess'],
              ]}
            />
            <Field label="Reaction (optional)" name="reaction" error={allergy.fieldErrors['reaction']} />
            <button type="submit" disabled={allergy.isPending}>
              Record allergy
            </button>
            <ProblemNotice problem={allergy.problem} />
          </form>
        </section>
        <section aria-labelledby="diagnoses-heading">
          <h2 id="diagnoses-heading">Diagnoses</h2>
          {p && p.diagnoses.length > 0 ? (
            <ul>
              {p.diagnoses.map((d) => (
                <li key={d.diagnosisId}>
                  {d.code} ({d.verification}){d.note ? ` — ${d.note}` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <p>None recorded.</p>
          )}
          <form
            aria-label="Record a diagnosis"
            onSubmit={(e) => {
              e.preventDefault();
              diagnosis.mutate(formValues(e.currentTarget));
            }}
          >
            <Field label="Diagnosis code (ICD-10)" name="code" required error={diagnosis.fieldErrors['code']} />
            <Field
              label="Verification"
              name="verification"
              options={[
                ['provisional', 'Provisional'],
                ['differential', 'Differential'],
                ['confirmed', 'Confirmed'],
              ]}
            />
            <Field label="Note (optional)" name="note" error={diagnosis.fieldErrors['note']} />
            <button type="submit" disabled={diagnosis.isPending}>
              Record diagnosis
            </button>
            <ProblemNotice problem={diagnosis.problem} />
          </form>
        </section>
      </div>
      <section aria-labelledby="stays-heading">
        <h2 id="stays-heading">Stays</h2>
        <ProblemNotice problem={readableOf(stays.error)} />
        {stays.data && stays.data.items.length > 0 ? (
          <table>
            <caption>Admissions, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Requested</th>
                <th scope="col">Status</th>
                <th scope="col">Admitted</th>
                <th scope="col">Discharged</th>
                <th scope="col">Ward</th>
                <th scope="col">Stay number (its account’s)</th>
                <th scope="col">For this stay</th>
              </tr>
            </thead>
            <tbody>
              {stays.data.items.map((s) => (
                <tr key={s.stayId}>
                  <td>{s.requestedAt}</td>
                  <td>{s.status}</td>
                  <td>{s.admittedAt ?? '—'}</td>
                  <td>{s.dischargedAt ? `${s.dischargedAt} (${s.dischargeReason})` : '—'}</td>
                  <td>{s.wardId ? <a href={href('beds', s.wardId)}>bed board</a> : '—'}</td>
                  <td>
                    {/* What billing asks for: their screens do not show patients' records. */}
                    <code className="stay-number">{s.stayId}</code>
                  </td>
                  <td>
                    <StayLinks patientId={patientId} stayId={s.stayId} active={s.status === 'in_progress'} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>No stays.</p>
        )}
        <AdmitRequest patientId={patientId} />
      </section>
    </div>
  );
}

/** Request an admission to a ward (the bed is chosen on the ward's bed board). */
function AdmitRequest({ patientId }: { patientId: string }) {
  const { api, hospitalId } = useSession();
  const wards = useWardsOptions();
  const request = useCommand(
    (wardId: string, key: string) =>
      api.command(
        '/hospitals/{hospitalId}/admissions/request-admission',
        hospitalId,
        { patientId, wardId },
        {
          idempotencyKey: key,
        },
      ),
    [['admissions', hospitalId]],
  );
  return (
    <form
      aria-label="Request an admission"
      onSubmit={(e) => {
        e.preventDefault();
        request.mutate(formValues(e.currentTarget)['wardId'] ?? '');
      }}
    >
      <Field label="Admit to ward" name="wardId" options={wards} error={request.fieldErrors['wardId']} />
      <button type="submit" disabled={request.isPending || wards.length === 0}>
        Request admission
      </button>
      <ProblemNotice problem={request.problem} />
      {request.lastOk ? (
        <p role="status">
          Admission requested.{' '}
          <a href={href('beds', request.variables ?? '', 'admit', request.lastOk.id, patientId)}>
            Choose a bed on the ward’s bed board
          </a>
          .
        </p>
      ) : null}
    </form>
  );
}

function useWardsOptions(): (readonly [string, string])[] {
  const wards = useWards();
  return (wards.data?.items ?? []).map((w) => [w.wardId, w.name] as const);
}
