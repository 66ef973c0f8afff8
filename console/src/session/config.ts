/**
 * How the console signs people in, served by the console's server as /console-config.json.
 * - `dev` (embedded start only): the start's demo tokens, one per role, for a role picker.
 * - `oidc` (production): an OpenID Connect provider, authorization code with PKCE.
 */
export type ConsoleConfig = DevConsoleConfig | OidcConsoleConfig;

export interface DevConsoleConfig {
  readonly mode: 'dev';
  readonly hospitals: readonly string[];
  /** Role → bearer token valid for every listed hospital. */
  readonly tokens: Readonly<Record<string, string>>;
}

export interface OidcConsoleConfig {
  readonly mode: 'oidc';
  /** The provider's issuer URL (its /.well-known/openid-configuration is read). */
  readonly authority: string;
  readonly clientId: string;
  readonly scope: string;
  /** Claims the APIs read (JWT_ROLES_CLAIM, JWT_HOSPITALS_CLAIM): a dotted path. */
  readonly rolesClaim: string;
  readonly hospitalsClaim: string;
}
