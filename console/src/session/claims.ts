/** Reads a claim by dotted path (`realm_access.roles`) from a JWT's payload, as the APIs do. */
export function claimOf(token: string, path: string): readonly string[] {
  const payload = token.split('.')[1];
  if (!payload) return [];
  let value: unknown;
  try {
    value = JSON.parse(atob(payload.replaceAll('-', '+').replaceAll('_', '/')));
  } catch {
    return [];
  }
  for (const key of path.split('.')) {
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  }
  if (typeof value === 'string') return value.split(' ').filter(Boolean);
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
