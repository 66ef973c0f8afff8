/**
 * Integration tests name the server they need. When its URL is not in the environment the test
 * reports as skipped with the reason printed — never a silent pass. `npm test` brings the servers
 * up itself (scripts/with-services.sh), so in CI nothing is skipped.
 */
export type ServiceVar = 'POSTGRES_URL' | 'REDIS_URL' | 'MONGODB_URL' | 'KAFKA_BROKERS' | 'EVENT_STORE_URL';

export function serviceUrl(name: ServiceVar): string | undefined {
  const value = process.env[name];
  return value && value.trim() !== '' ? value : undefined;
}

/**
 * Call from a mocha `before` (function, not arrow). Returns the URL, or skips the suite with the
 * reason when the server is not configured.
 */
export function requireService(ctx: Mocha.Context, name: ServiceVar, why = ''): string {
  const value = serviceUrl(name);
  if (value) return value;
  const reason = `skipped: ${name} is not set${why ? ` (${why})` : ''}; run via \`npm run test:it\` to start the servers`;
  console.log(`      ${reason}`);
  ctx.skip();
}
