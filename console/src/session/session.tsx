import { UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { type Api, createApi } from '../api/clients.js';
import { claimOf } from './claims.js';
import type { ConsoleConfig } from './config.js';

export interface Session {
  readonly hospitalId: string;
  readonly role: string;
  readonly hospitals: readonly string[];
  /** Roles this person can switch between (dev: every demo role; OIDC: the token's). */
  readonly roles: readonly string[];
  readonly mode: ConsoleConfig['mode'];
  readonly api: Api;
  /**
   * A second person's token for witnessing (dev mode: the demo token of the role the witness picks,
   * obtained as the signed-in person's is). Undefined in OIDC mode: a second sign-in at the same
   * workstation is not supported yet.
   */
  readonly witnessToken?: (role: string) => string | undefined;
  switchHospital(hospitalId: string): void;
  switchRole(role: string): void;
  signOut(): void;
}

const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

const remembered = (key: string) => sessionStorage.getItem(`chartline.${key}`) ?? undefined;
const remember = (key: string, value: string) => sessionStorage.setItem(`chartline.${key}`, value);

function userManager(config: Extract<ConsoleConfig, { mode: 'oidc' }>): UserManager {
  // Authorization code with PKCE (oidc-client-ts's only flow); tokens kept for the tab only.
  return new UserManager({
    authority: config.authority,
    client_id: config.clientId,
    redirect_uri: `${location.origin}/`,
    post_logout_redirect_uri: `${location.origin}/`,
    response_type: 'code',
    scope: config.scope,
    userStore: new WebStorageStateStore({ store: sessionStorage }),
    automaticSilentRenew: true,
  });
}

export function SessionProvider({ config, children }: { config: ConsoleConfig; children: ReactNode }) {
  const [hospitalId, setHospital] = useState<string | undefined>(remembered('hospital'));
  const [role, setRole] = useState<string | undefined>(remembered('role'));
  const [oidcToken, setOidcToken] = useState<string | undefined>();
  const manager = useMemo(() => (config.mode === 'oidc' ? userManager(config) : undefined), [config]);

  useEffect(() => {
    if (!manager) return;
    void (async () => {
      if (new URLSearchParams(location.search).has('code')) {
        const user = await manager.signinRedirectCallback();
        history.replaceState(null, '', location.pathname);
        setOidcToken(user.access_token);
        return;
      }
      const user = await manager.getUser();
      if (user && !user.expired) setOidcToken(user.access_token);
      else await manager.signinRedirect();
    })();
    manager.events.addUserLoaded((u) => setOidcToken(u.access_token));
  }, [manager]);

  const hospitals =
    config.mode === 'dev' ? config.hospitals : oidcToken ? claimOf(oidcToken, config.hospitalsClaim) : [];
  const roles =
    config.mode === 'dev' ? Object.keys(config.tokens) : oidcToken ? claimOf(oidcToken, config.rolesClaim) : [];
  const activeHospital = hospitalId && hospitals.includes(hospitalId) ? hospitalId : hospitals[0];
  const activeRole = role && roles.includes(role) ? role : roles.includes('front_desk') ? 'front_desk' : roles[0];
  const token = config.mode === 'dev' ? (activeRole ? config.tokens[activeRole] : undefined) : oidcToken;

  const tokenRef = useTokenRef(token);
  const api = useMemo(() => createApi(() => tokenRef.current), [tokenRef]);

  if (!activeHospital || !activeRole) {
    return (
      <main className="centered">
        <p role="status">{config.mode === 'oidc' ? 'Signing you in…' : 'No demo hospital or role is configured.'}</p>
      </main>
    );
  }
  const session: Session = {
    hospitalId: activeHospital,
    role: activeRole,
    hospitals,
    roles,
    mode: config.mode,
    api,
    ...(config.mode === 'dev' ? { witnessToken: (r: string) => config.tokens[r] } : {}),
    switchHospital(h) {
      remember('hospital', h);
      setHospital(h);
    },
    switchRole(r) {
      remember('role', r);
      setRole(r);
    },
    signOut() {
      sessionStorage.clear();
      if (manager) void manager.signoutRedirect();
      else location.reload();
    },
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

/** The API clients are made once; they read the current token through this ref. */
function useTokenRef(token: string | undefined): { current: string | undefined } {
  const [ref] = useState<{ current: string | undefined }>(() => ({ current: token }));
  ref.current = token;
  return ref;
}
