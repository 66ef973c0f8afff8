import { useIsFetching, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Audit } from './screens/Audit.js';
import { BedBoard } from './screens/BedBoard.js';
import { Billing } from './screens/Billing.js';
import { Hr } from './screens/Hr.js';
import { Laboratory } from './screens/Laboratory.js';
import { offered, type ScreenKey } from './screens/offered.js';
import { PatientRecord } from './screens/PatientRecord.js';
import { Patients } from './screens/Patients.js';
import { Stock } from './screens/Stock.js';
import { useSession } from './session/session.js';
import { href, useRoute } from './ui/nav.js';

const SCREENS: readonly (readonly [ScreenKey, string])[] = [
  ['patients', 'Patients'],
  ['beds', 'Bed board'],
  ['lab', 'Laboratory'],
  ['stock', 'Stock'],
  ['billing', 'Billing'],
  ['hr', 'Staff'],
  ['audit', 'Audit'],
];

export function App() {
  const session = useSession();
  const route = useRoute();
  const [screen, id, sub, a, b] = route;
  const current = screen ?? 'patients';
  const online = useOnline();
  // Another hospital or role sees other data (or none): nothing read under the previous one is kept.
  const queryClient = useQueryClient();
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <h1>Chartline</h1>
        <nav aria-label="Screens">
          <ul>
            {SCREENS.filter(([key]) => offered(key, session.role)).map(([key, label]) => (
              <li key={key}>
                <a href={href(key)} aria-current={current === key ? 'page' : undefined}>
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <label htmlFor="hospital-switch">Hospital</label>
          <select
            id="hospital-switch"
            value={session.hospitalId}
            onChange={(e) => {
              queryClient.clear();
              session.switchHospital(e.currentTarget.value);
            }}
          >
            {session.hospitals.map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </select>
          <label htmlFor="role-switch">{session.mode === 'dev' ? 'Role (demo token)' : 'Role'}</label>
          <select
            id="role-switch"
            value={session.role}
            onChange={(e) => {
              queryClient.clear();
              session.switchRole(e.currentTarget.value);
            }}
          >
            {session.roles.map((r) => (
              <option key={r} value={r}>
                {r.replaceAll('_', ' ')}
              </option>
            ))}
          </select>
          <BusyIndicator />
        </div>
      </header>
      {online ? null : (
        <p className="notice notice-error" role="alert">
          You are offline: the connection to Chartline was lost. Your work on screen is kept; send it again once the
          connection is back (nothing is recorded twice).
        </p>
      )}
      <main id="main" key={`${session.hospitalId}/${session.role}`}>
        {!offered(current as ScreenKey, session.role) ? (
          // A screen the picked role may not read is not fetched at all (it would only be refused).
          <p role="status">This screen is not offered to the {session.role.replaceAll('_', ' ')} role: pick another.</p>
        ) : current === 'patients' && id ? (
          <PatientRecord patientId={id} />
        ) : current === 'patients' ? (
          <Patients />
        ) : current === 'beds' ? (
          <BedBoard wardId={id} {...(sub === 'admit' && a && b ? { admitting: { stayId: a, patientId: b } } : {})} />
        ) : current === 'lab' ? (
          <Laboratory view={id} arg={sub} />
        ) : current === 'stock' ? (
          <Stock
            locationId={id === 'issue' ? undefined : id}
            issueFor={
              id === 'issue' && sub && a
                ? { patientId: sub, stayId: a }
                : sub === 'issue' && a && b
                  ? { patientId: a, stayId: b }
                  : undefined
            }
          />
        ) : current === 'billing' ? (
          <Billing view={id} arg={sub} />
        ) : current === 'hr' ? (
          <Hr />
        ) : current === 'audit' ? (
          <Audit streamId={id} />
        ) : (
          <p>No such screen.</p>
        )}
      </main>
    </>
  );
}

function BusyIndicator() {
  const fetching = useIsFetching();
  return (
    <span className="busy" aria-live="polite">
      {fetching > 0 ? 'Loading…' : ''}
    </span>
  );
}

function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    addEventListener('online', on);
    addEventListener('offline', off);
    return () => {
      removeEventListener('online', on);
      removeEventListener('offline', off);
    };
  }, []);
  return online;
}
