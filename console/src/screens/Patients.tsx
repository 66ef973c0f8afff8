import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSession } from '../session/session.js';
import { Field, formValues, ProblemNotice, readableOf, useCommand } from '../ui/forms.js';
import { href } from '../ui/nav.js';
import { DuplicateDecision } from './DuplicateDecision.js';

type Search = { name?: string; mrn?: string; birthDate?: string };

/** The front desk's first screen: find a patient, or register a new one (and decide a possible duplicate). */
export function Patients() {
  const { api, hospitalId } = useSession();
  const [search, setSearch] = useState<Search | undefined>();
  const results = useQuery({
    queryKey: ['patients', hospitalId, 'search', search],
    enabled: search !== undefined,
    queryFn: async () => {
      const { data } = await api.read.GET('/hospitals/{hospitalId}/patients/search', {
        params: { path: { hospitalId }, query: { ...search, limit: 25 }, header: api.consistency.header(hospitalId) },
      });
      return data!;
    },
  });
  const register = useCommand(
    (body: Parameters<typeof api.command<'/hospitals/{hospitalId}/patients/register-patient'>>[2], key: string) =>
      api.command('/hospitals/{hospitalId}/patients/register-patient', hospitalId, body, { idempotencyKey: key }),
    [['patients', hospitalId]],
  );
  const registered = register.lastOk;
  return (
    <div className="columns">
      <section aria-labelledby="find-heading">
        <h2 id="find-heading">Find a patient</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setSearch(formValues(e.currentTarget));
          }}
        >
          <Field label="Name" name="name" />
          <Field label="MRN" name="mrn" />
          <Field label="Birth date" name="birthDate" type="date" />
          <button type="submit">Search</button>
        </form>
        <ProblemNotice problem={readableOf(results.error)} />
        {results.data ? (
          results.data.items.length === 0 ? (
            <p role="status">No patient matches.</p>
          ) : (
            <table>
              <caption>Patients found</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">MRN</th>
                  <th scope="col">Birth date</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {results.data.items.map((p) => (
                  <tr key={p.patientId}>
                    <td>
                      <a href={href('patients', p.patientId)}>
                        {p.familyName ?? '[erased]'}, {p.givenName ?? ''}
                      </a>
                      {p.openDuplicateFlags > 0 ? <span className="badge"> possible duplicate</span> : null}
                    </td>
                    <td>{p.mrn}</td>
                    <td>{p.birthDate ?? ''}</td>
                    <td>{p.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        ) : null}
      </section>
      <section aria-labelledby="register-heading">
        <h2 id="register-heading">Register a patient</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            const v = formValues(e.currentTarget);
            register.mutate({
              givenName: v['givenName'] ?? '',
              familyName: v['familyName'] ?? '',
              birthDate: v['birthDate'] ?? '',
              sex: (v['sex'] ?? 'unknown') as 'female' | 'male' | 'other' | 'unknown',
              ...(v['nationalId'] ? { nationalId: v['nationalId'] } : {}),
              ...(v['phone'] ? { phone: v['phone'] } : {}),
            });
          }}
        >
          <Field label="Given name" name="givenName" required error={register.fieldErrors['givenName']} />
          <Field label="Family name" name="familyName" required error={register.fieldErrors['familyName']} />
          <Field label="Birth date" name="birthDate" type="date" required error={register.fieldErrors['birthDate']} />
          <Field
            label="Sex"
            name="sex"
            error={register.fieldErrors['sex']}
            options={[
              ['female', 'Female'],
              ['male', 'Male'],
              ['other', 'Other'],
              ['unknown', 'Unknown'],
            ]}
          />
          <Field label="National identifier (optional)" name="nationalId" error={register.fieldErrors['nationalId']} />
          <Field label="Phone (optional)" name="phone" type="tel" error={register.fieldErrors['phone']} />
          <button type="submit" disabled={register.isPending}>
            Register
          </button>
        </form>
        <ProblemNotice problem={register.problem} />
        {registered ? (
          <div className="notice" role="status">
            <p>
              Registered. <a href={href('patients', registered.id)}>Open the patient’s record</a>
            </p>
            {registered.events.some((t) => t.endsWith('PossibleDuplicateFlagged')) ? (
              <DuplicateDecision patientId={registered.id} />
            ) : null}
          </div>
        ) : null}
      </section>
    </div>
  );
}
