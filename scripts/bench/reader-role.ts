import type { Role } from '@chartline/kernel';
import { readRoutes } from '@chartline/read-api';

/** The read routes' paths as patterns: `:param` stands for one path segment. */
const patterns = readRoutes
  .filter((route) => route.method === 'get')
  .map((route) => ({
    pattern: new RegExp(`^${route.path.replace(/:[A-Za-z]+/g, '[^/]+')}$`),
    roles: route.roles,
  }));

/**
 * The role the freshness read is made as: a role the read route admits (a nurse may not read the
 * staff directory or the hospital's profile, and a 403 is not a freshness). The role that sent the
 * command when the route admits it (the person who wrote it reads it back), else a nurse's when
 * admitted (the ward's everyday reader), else the route's first role.
 */
export function readerRoleFor(path: string, commandRole: Role): Role {
  const bare = path.split('?')[0]!;
  const route = patterns.find((p) => p.pattern.test(bare));
  if (!route) throw new Error(`no read route answers GET ${bare}`);
  if (route.roles.includes(commandRole)) return commandRole;
  if (route.roles.includes('nurse')) return 'nurse';
  const first = route.roles[0];
  if (!first) throw new Error(`the read route for ${bare} admits no role`);
  return first;
}
