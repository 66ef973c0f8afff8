import { consoleEnv } from '@chartline/infra';
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

/**
 * The production console's settings (docs/operations.md, "The console"), parsed with the schema the
 * deploy checks also read (`consoleEnv` in @chartline/infra), so the manifests set what this reads.
 */
export function oidcConfigFromEnv(env: NodeJS.ProcessEnv): ConsoleEnv {
  // An empty variable is an unset one.
  const set = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = consoleEnv.safeParse(set);
  if (!parsed.success) {
    const name = String(parsed.error.issues[0]?.path[0] ?? 'environment');
    const what =
      set[name] === undefined
        ? 'is missing'
        : name === 'PORT'
          ? 'is not a port number'
          : name.endsWith('_URL') || name === 'OIDC_AUTHORITY'
            ? 'is not a URL'
            : 'is not valid';
    throw new ConsoleEnvError(`${name} ${what}`);
  }
  const v = parsed.data;
  return {
    port: v.PORT,
    host: v.HOST,
    assetsDir: v.CONSOLE_ASSETS_DIR,
    commandApiUrl: v.COMMAND_API_URL,
    readApiUrl: v.READ_API_URL,
    config: {
      mode: 'oidc',
      authority: v.OIDC_AUTHORITY,
      clientId: v.OIDC_CLIENT_ID,
      scope: v.OIDC_SCOPE,
      rolesClaim: v.JWT_ROLES_CLAIM,
      hospitalsClaim: v.JWT_HOSPITALS_CLAIM,
    },
  };
}
