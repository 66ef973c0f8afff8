import { useSession } from '../session/session.js';
import { ProblemNotice, useCommand } from '../ui/forms.js';
import { usePatient } from './queries.js';

/** The duplicate decision: the new record beside each existing one it may duplicate; the clerk confirms or dismisses. */
export function DuplicateDecision({ patientId }: { patientId: string }) {
  const { api, hospitalId } = useSession();
  const patient = usePatient(patientId);
  const decide = useCommand(
    (args: { candidatePatientId: string; same: boolean; revision: number }, key: string) =>
      api.command(
        args.same
          ? '/hospitals/{hospitalId}/patients/confirm-possible-duplicate'
          : '/hospitals/{hospitalId}/patients/dismiss-possible-duplicate',
        hospitalId,
        { patientId, candidatePatientId: args.candidatePatientId },
        { idempotencyKey: key, ifMatch: args.revision },
      ),
    [['patients', hospitalId]],
  );
  if (!patient.data) return <p role="status">Checking for possible duplicates…</p>;
  const open = Object.entries(patient.data.possibleDuplicates).filter(([, d]) => d.resolution === 'open');
  if (open.length === 0) return <p>No open possible duplicate.</p>;
  return (
    <section aria-labelledby="dup-heading" className="duplicate">
      <h3 id="dup-heading">Possible duplicate: is this the same person?</h3>
      <ProblemNotice problem={decide.problem} />
      {open.map(([candidateId, d]) => (
        <Candidate
          key={candidateId}
          candidateId={candidateId}
          matchedOn={d.matchedOn}
          onDecide={(same) => decide.mutate({ candidatePatientId: candidateId, same, revision: patient.data.revision })}
          busy={decide.isPending}
        />
      ))}
    </section>
  );
}

function Candidate(props: {
  candidateId: string;
  matchedOn: readonly string[];
  onDecide: (same: boolean) => void;
  busy: boolean;
}) {
  const candidate = usePatient(props.candidateId);
  const c = candidate.data;
  return (
    <div className="card">
      <p>
        Existing record: <strong>{c ? `${c.familyName ?? '[erased]'}, ${c.givenName ?? ''}` : '…'}</strong>
        {c ? ` — MRN ${c.mrn}, born ${c.birthDate ?? '?'}` : ''} (matched on {props.matchedOn.join(', ')})
      </p>
      <button type="button" disabled={props.busy} onClick={() => props.onDecide(true)}>
        Same person (confirm duplicate)
      </button>{' '}
      <button type="button" disabled={props.busy} onClick={() => props.onDecide(false)}>
        Different people (dismiss)
      </button>
    </div>
  );
}
