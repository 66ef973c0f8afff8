const NODE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'EAI_AGAIN',
]);

/**
 * True when the failure is the server's or the connection's, not the statement's: node socket
 * errors, pg's own "Connection terminated" errors (no SQLSTATE), SQLSTATE class 08 (connection
 * exception), 57P01-57P03 (admin/crash shutdown, cannot connect now) and 53 (out of resources).
 */
export function isConnectionFailure(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (NODE_CODES.has(code)) return true;
    if (code.startsWith('08') || code.startsWith('53') || /^57P0[123]$/.test(code)) return true;
  }
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|not queryable|Cannot use a pool after calling end/i.test(
    err.message,
  );
}
