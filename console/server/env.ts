import type { OidcConsoleConfig } from '../src/session/config.js';

export interface ConsoleEnv {
  readonly port: number;
  readonly host: string;
  readonly assetsDir: string;
  readonly commandApiUrl: string;
  readonly readApiUrl: string;
  readonly config: OidcConsoleConfig;
}

/** Thrown for a missing or malformed variable; names the variable, never its value. */
export class ConsoleEnvError extends Error {
  override readonly name = 'ConsoleEnvError';
}

const url = (env: NodeJS.ProcessEnv, name: string, fallback?: string): string => {
  const value = env[name] ?? fallback;
  if (value === undefined || value === '') throw new ConsoleEnvError(`${name} is missing`);
  try {
    new URL(value);
  } catch {
    throw new ConsoleEnvError(`${name} is not a URL`);
  }
  return value;
};

/** The production console's settings (docs/operations.md, "The console"). */
export function oidcConfigFromEnv(env: NodeJS.ProcessEnv): ConsoleEnv {
  const port = Number(env['PORT'] ?? '8082');
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new ConsoleEnvError('PORT is not a port number');
  const clientId = env['OIDC_CLIENT_ID'];
  if (!clientId) throw new ConsoleEnvError('OIDC_CLIENT_ID is missing');
  return {
    port,
    host: env['HOST'] ?? '0.0.0.0',
    assetsDir: env['CONSOLE_ASSETS_DIR'] ?? 'dist/console',
    commandApiUrl: url(env, 'COMMAND_API_URL', 'http://command-api:8080'),
    readApiUrl: url(env, 'READ_API_URL', 'http://read-api:8081'),
    config: {
      mode: 'oidc',
      authority: url(env, 'OIDC_AUTHORITY'),
      clientId,
      scope: env['OIDC_SCOPE'] ?? 'openid profile',
      rolesClaim: env['JWT_ROLES_CLAIM'] ?? 'roles',
      hospitalsClaim: env['JWT_HOSPITALS_CLAIM'] ?? 'hospitals',
    },
  };
}
