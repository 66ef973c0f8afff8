import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useSession } from '../session/session.js';
import { Field, formValues, ProblemNotice, readableOf } from '../ui/forms.js';
import { href } from '../ui/nav.js';

/**
 * The auditor's view of one record (a stream such as `patient-<hospital>.<id>`): its full history,
 * its state at a chosen time, whether its hash chain verifies, and who read the patient's data.
 */
export function Audit({ streamId }: { streamId: string | undefined }) {
  return (
    <div>
      <form
        aria-label="Choose a record"
        className="inline"
        onSubmit={(e) => {
          e.preventDefault();
          const s = formValues(e.currentTarget)['streamId'];
          if (s) location.hash = href('audit', s);
        }}
      >
        <Field label="Record (stream id)" name="streamId" defaultValue={streamId ?? ''} key={streamId} required />
        <button type="submit">Open</button>
      </form>
      {streamId ? (
        <>
          <Verification streamId={streamId} />
          <StateAsOf streamId={streamId} />
          <History streamId={streamId} />
        </>
      ) : null}
      <AccessLog patientId={streamId?.startsWith('patient-') ? streamId.split('.')[1] : undefined} />
    </div>
  );
}

function Verification({ streamId }: { streamId: string }) {
  const { api, hospitalId } = useSession();
  const v = useQuery({
    queryKey: ['audit', hospitalId, 'verification', streamId],
    queryFn: async () =>
      (
        await api.read.GET('/hospitals/{hospitalId}/audit/streams/{streamId}/verification', {
          params: { path: { hospitalId, streamId } },
        })
      ).data!,
  });
  return (
    <section aria-labelledby="verify-heading">
      <h2 id="verify-heading">Chain verification</h2>
      <ProblemNotice problem={readableOf(v.error)} />
      {v.data ? (
        v.data.ok ? (
          <p className="ok" role="status">
            Verified: {v.data.events} events, unaltered, in order (head hash{' '}
            <code>{v.data.headHash.slice(0, 16)}…</code>).
          </p>
        ) : (
          <p className="alert-text" role="alert">
            NOT verified: {v.data.reason} at revision {v.data.firstBadRevision}.
          </p>
        )
      ) : null}
    </section>
  );
}

function StateAsOf({ streamId }: { streamId: string }) {
  const { api, hospitalId } = useSession();
  const [asOf, setAsOf] = useState<string | undefined>();
  const state = useQuery({
    queryKey: ['audit', hospitalId, 'state', streamId, asOf],
    enabled: asOf !== undefined,
    queryFn: async () =>
      (
        await api.read.GET('/hospitals/{hospitalId}/audit/streams/{streamId}/state', {
          params: { path: { hospitalId, streamId }, query: { asOf: asOf! } },
        })
      ).data!,
  });
  return (
    <section aria-labelledby="state-heading">
      <h2 id="state-heading">State at a chosen time</h2>
      <form
        className="inline"
        aria-label="State at a chosen time"
        onSubmit={(e) => {
          e.preventDefault();
          const t = formValues(e.currentTarget)['asOf'];
          // datetime-local is the browser's local time; the API takes UTC ISO-8601.
          if (t) setAsOf(new Date(t).toISOString());
        }}
      >
        <Field label="As of (your local time)" name="asOf" type="datetime-local" required />
        <button type="submit">Show state</button>
      </form>
      <ProblemNotice problem={readableOf(state.error)} />
      {state.data ? (
        <div>
          <p>
            As of {asOf}: revision {state.data.revision}, recorded {state.data.recordedAt}.
          </p>
          <pre className="json">{JSON.stringify(state.data.state, null, 2)}</pre>
        </div>
      ) : null}
    </section>
  );
}

function History({ streamId }: { streamId: string }) {
  const { api, hospitalId } = useSession();
  const events = useQuery({
    queryKey: ['audit', hospitalId, 'events', streamId],
    queryFn: async () =>
      (
        await api.read.GET('/hospitals/{hospitalId}/audit/streams/{streamId}/events', {
          params: { path: { hospitalId, streamId }, query: { limit: 100 } },
        })
      ).data!,
  });
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      <ProblemNotice problem={readableOf(events.error)} />
      {events.data ? (
        <table>
          <caption>Every event of {streamId}, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Revision</th>
              <th scope="col">Event</th>
              <th scope="col">Recorded (UTC)</th>
              <th scope="col">By</th>
              <th scope="col">Hash</th>
            </tr>
          </thead>
          <tbody>
            {events.data.events.map((e) => (
              <tr key={e.eventId}>
                <td>{e.revision}</td>
                <td>{e.type}</td>
                <td>{e.recordedAt}</td>
                <td>
                  {e.actor.id} ({e.actor.role})
                </td>
                <td>
                  <code>{e.hash.slice(0, 12)}…</code>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

function AccessLog({ patientId }: { patientId: string | undefined }) {
  const { api, hospitalId } = useSession();
  const log = useQuery({
    queryKey: ['audit', hospitalId, 'access-log', patientId],
    queryFn: async () =>
      (
        await api.read.GET('/hospitals/{hospitalId}/audit/access-log', {
          params: { path: { hospitalId }, query: { limit: 50, ...(patientId ? { patientId } : {}) } },
        })
      ).data!,
  });
  return (
    <section aria-labelledby="access-heading">
      <h2 id="access-heading">Personal-data access log{patientId ? ' of this patient' : ''}</h2>
      <ProblemNotice problem={readableOf(log.error)} />
      {log.data ? (
        log.data.items.length === 0 ? (
          <p>No access recorded.</p>
        ) : (
          <table>
            <caption>Who read personal data, and through which screen</caption>
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
              </tr>
            </thead>
            <tbody>
              {log.data.items.map((e) => (
                <tr key={e.eventId}>
                  <td>{e.recordedAt}</td>
                  <td>
                    {e.actor.id} ({e.actor.role})
                  </td>
                  <td>{typeof e.data['view'] === 'string' ? e.data['view'] : e.type}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </section>
  );
}
