import { useQuery } from '@tanstack/react-query';
import { useCan } from '../session/can.js';
import { useSession } from '../session/session.js';
import { useFocusOnProblem } from '../ui/check.js';
import { Field, formValues, ProblemNotice, readableOf, useCommand } from '../ui/forms.js';
import { href } from '../ui/nav.js';
import { NextStep } from './LabWorklist.js';
import { minutesText, resultText } from './lab-format.js';
import { labKey, useLabCatalogue, useLabOrder } from './lab-queries.js';
import { PatientBanner } from './PatientRecord.js';

const PRIORITIES = [
  ['routine', 'Routine'],
  ['urgent', 'Urgent'],
  ['asap', 'As soon as possible'],
  ['stat', 'Stat (immediately)'],
] as const;

/** A patient's lab page: order a test or a panel (physicians) and the patient's results so far. */
export function LabOrderForm({ patientId }: { patientId: string }) {
  const { api, hospitalId } = useSession();
  const can = useCan();
  const catalogue = useLabCatalogue();
  const order = useCommand(
    (v: Record<string, string>, key: string) => {
      const [kind, code] = (v['what'] ?? '').split(':');
      return api.command(
        '/hospitals/{hospitalId}/laboratory/order-tests',
        hospitalId,
        {
          patientId,
          ...(kind === 'panel' ? { panelCode: code ?? '' } : { testCode: code ?? '' }),
          priority: (v['priority'] ?? 'routine') as 'routine',
        },
        { idempotencyKey: key },
      );
    },
    [labKey(hospitalId)],
  );
  const formRef = useFocusOnProblem(order.problem);
  const options = (catalogue.data?.items ?? []).map(
    (e) => [`${e.kind}:${e.code}`, `${e.name} (${e.kind === 'panel' ? 'panel' : e.code})`] as const,
  );
  return (
    <div>
      {can('get /hospitals/{hospitalId}/patients/{patientId}') ? <PatientBanner patientId={patientId} /> : null}
      {can('post /hospitals/{hospitalId}/laboratory/order-tests') ? (
        <form
          ref={formRef}
          aria-labelledby="order-heading"
          onSubmit={(e) => {
            e.preventDefault();
            order.mutate(formValues(e.currentTarget));
          }}
        >
          <h2 id="order-heading">Order laboratory tests</h2>
          <ProblemNotice problem={readableOf(catalogue.error)} />
          <Field
            label="Test or panel"
            name="what"
            options={options}
            error={order.fieldErrors['testCode'] ?? order.fieldErrors['panelCode']}
          />
          <Field label="Priority" name="priority" options={PRIORITIES} error={order.fieldErrors['priority']} />
          <button type="submit" disabled={order.isPending || options.length === 0}>
            Order
          </button>
          <ProblemNotice problem={order.problem} />
          {order.lastOk ? (
            <p role="status">
              Ordered. <a href={href('lab', 'orders', order.lastOk.id)}>Follow the order</a>
            </p>
          ) : null}
        </form>
      ) : null}
      {can('get /hospitals/{hospitalId}/laboratory/patients/{patientId}/results') ? (
        <PatientResults patientId={patientId} />
      ) : null}
    </div>
  );
}

/** The patient's results, newest order first, with flags and the range each was flagged against. */
function PatientResults({ patientId }: { patientId: string }) {
  const { api, hospitalId } = useSession();
  const results = useQuery({
    queryKey: [...labKey(hospitalId), 'results', patientId],
    queryFn: async () => {
      const { data } = await api.read.GET('/hospitals/{hospitalId}/laboratory/patients/{patientId}/results', {
        params: { path: { hospitalId, patientId }, query: { limit: 50 }, header: api.consistency.header(hospitalId) },
      });
      return data!;
    },
  });
  const items = results.data?.items ?? [];
  return (
    <section aria-labelledby="results-heading">
      <h2 id="results-heading">Results</h2>
      <ProblemNotice problem={readableOf(results.error)} />
      {results.data && items.length === 0 ? <p>No results yet.</p> : null}
      {items.length > 0 ? (
        <table>
          <caption>Results, newest order first</caption>
          <thead>
            <tr>
              <th scope="col">Test</th>
              <th scope="col">Result</th>
              <th scope="col">Range</th>
              <th scope="col">Status</th>
              <th scope="col">Ordered</th>
            </tr>
          </thead>
          <tbody>
            {items.map((t) => (
              <tr key={`${t.orderId}/${t.testCode}`}>
                <td>{t.testName}</td>
                <td>{resultText(t.result)}</td>
                <td>{t.result?.rangeLow != null ? `${t.result.rangeLow}–${t.result.rangeHigh ?? ''}` : '—'}</td>
                <td>{t.stage.replaceAll('_', ' ')}</td>
                <td>
                  <a href={href('lab', 'orders', t.orderId)}>{new Date(t.orderedAt).toLocaleString()}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </section>
  );
}

/**
 * One order: each test's stage, specimen, result and critical result, and the step each test waits
 * for when the role may take it (collect, receive, record, verify), so whoever follows the order
 * from the patient's record finds their step here as on their worklist.
 */
export function LabOrderDetail({ orderId }: { orderId: string }) {
  const order = useLabOrder(orderId);
  const catalogue = useLabCatalogue();
  const o = order.data?.order;
  return (
    <section aria-labelledby="lab-order-heading">
      <h2 id="lab-order-heading">Lab order</h2>
      <ProblemNotice problem={readableOf(order.error)} />
      {o ? (
        <>
          <p>
            Status <strong>{o.status.replaceAll('_', ' ')}</strong>, priority {o.priority}, ordered{' '}
            {new Date(o.orderedAt).toLocaleString()}
            {o.accessionNumber ? `, specimen ${o.accessionNumber}` : ''}.{' '}
            <a href={href('lab', 'order', o.patientId)}>The patient’s results</a>
          </p>
          <table>
            <caption>Tests of this order</caption>
            <thead>
              <tr>
                <th scope="col">Test</th>
                <th scope="col">Stage</th>
                <th scope="col">Result</th>
                <th scope="col">Critical</th>
                <th scope="col">Next step</th>
              </tr>
            </thead>
            <tbody>
              {order.data!.tests.map((t) => (
                <tr key={t.testCode} data-test-code={t.testCode}>
                  <td>{t.testName}</td>
                  <td>{t.stage.replaceAll('_', ' ')}</td>
                  <td>{resultText(t.result)}</td>
                  <td>
                    {t.critical
                      ? t.critical.acknowledgedAt
                        ? `acknowledged ${new Date(t.critical.acknowledgedAt).toLocaleString()} (told ${t.critical.notifiedPerson ?? ''})`
                        : `OPEN for ${minutesText(Math.round((Date.now() - Date.parse(t.critical.raisedAt)) / 60_000))}`
                      : '—'}
                  </td>
                  <td>
                    <NextStep
                      item={t}
                      revision={o.revision}
                      test={catalogue.data?.items.find((c) => c.kind === 'test' && c.code === t.testCode)}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </section>
  );
}
