import type { Actor } from '@chartline/events';
import { type AccessGrantsSource, badRequest, HttpProblem, type TokenVerifier } from '@chartline/infra';
import type { RequestHandler, Response } from 'express';
import type { WitnessRule } from '../shared/command-spec.js';

/**
 * The witness of a command is a second, authenticated person: the sender's app sends the witness's
 * own bearer token beside the sender's (`X-Witness-Authorization: Bearer <token>`, obtained when the
 * witness signs in at the same workstation, or on their own device). It is verified exactly as the
 * sender's token is (issuer, audience, signature, lifetime), and must name the path's hospital and,
 * after HR's access grants narrow it there, a role allowed to witness the command. Its subject and
 * acting role become the witness recorded in the events. That the witness is not the sender, and
 * that a command needs one at all, are the decider's rules (given/when/then tested there).
 *
 * A witness token is never a 401: the sender's own credentials are fine, so the refusal is a 403
 * naming the witness rule that failed (problem type `/problems/<rule>`, `rule` set to it too).
 */
export const WITNESS_HEADER = 'X-Witness-Authorization';

/** Why a witness token was refused: each a problem type and rule of its own. */
export const WITNESS_REFUSALS = {
  'witness-not-authenticated':
    'The witness token is not valid (expired, wrong issuer or audience, bad signature): the witness signs in again and the request is sent with their new token.',
  'witness-hospital-not-allowed':
    'The witness token does not grant access to this hospital: the witness must be staff of this hospital.',
  'witness-role-not-allowed': 'The witness holds no role allowed to witness this command in this hospital.',
} as const;
type WitnessRefusal = keyof typeof WITNESS_REFUSALS;

/** A 403 naming the rule, also kept for the command metrics (chartline_command_refusals_total). */
const refuse = (res: Response, rule: WitnessRefusal, detail: string, extensions: Record<string, unknown> = {}) => {
  res.locals['problemRule'] = rule;
  return new HttpProblem(403, rule, 'Forbidden', detail, { rule, ...extensions });
};

/** The authenticated witness of this request, if the command takes one and one was sent. */
export const witnessOf = (res: Response): Actor | undefined => res.locals['witness'] as Actor | undefined;

/**
 * Verifies the witness token of a command that declares `witness` and puts the witness (subject,
 * acting role) in `res.locals.witness`. No header: no witness (the decider decides if one was
 * needed). Goes after the sender's own checks (token, hospital, grants, role) and after the command
 * instrumentation, which counts its refusals by rule.
 */
export function authenticateWitness(
  verifier: TokenVerifier,
  grants: AccessGrantsSource,
  rule: WitnessRule,
  param = 'hospitalId',
): RequestHandler {
  return async (req, res, next) => {
    const header = req.header(WITNESS_HEADER);
    if (header === undefined) return next();
    const match = /^Bearer ([A-Za-z0-9_.-]+)$/.exec(header.trim());
    if (!match?.[1]) {
      throw badRequest(
        'invalid-witness-authorization',
        `Send the witness's token as ${WITNESS_HEADER}: Bearer <token>.`,
        [{ field: `header.${WITNESS_HEADER.toLowerCase()}`, message: 'Expected "Bearer <token>"' }],
      );
    }
    const hospitalId = String(req.params[param]);
    let witness: Awaited<ReturnType<TokenVerifier['verify']>>;
    try {
      witness = await verifier.verify(match[1]);
    } catch (error) {
      // A token the verifier refuses (401) is the witness's problem, not the sender's; a JWKS
      // outage (503) stays what it is.
      if (!(error instanceof HttpProblem) || error.status !== 401) throw error;
      const reason = typeof error.extensions['reason'] === 'string' ? error.extensions['reason'] : 'invalid';
      throw refuse(res, 'witness-not-authenticated', `${WITNESS_REFUSALS['witness-not-authenticated']} (${reason})`, {
        reason,
      });
    }
    if (!witness.hospitals.includes(hospitalId)) {
      throw refuse(res, 'witness-hospital-not-allowed', WITNESS_REFUSALS['witness-hospital-not-allowed']);
    }
    const granted = await grants.granted(hospitalId, witness.id);
    const roles = granted.governed ? witness.roles.filter((role) => granted.roles.includes(role)) : witness.roles;
    const acting = roles.find((role) => (rule.roles as readonly string[]).includes(role));
    if (acting === undefined) {
      throw refuse(
        res,
        'witness-role-not-allowed',
        `${WITNESS_REFUSALS['witness-role-not-allowed']} It needs one of: ${rule.roles.join(', ')}${granted.governed ? ' (as granted by HR here)' : ''}.`,
        { allowedRoles: [...rule.roles] },
      );
    }
    res.locals['witness'] = { id: witness.id, role: acting } satisfies Actor;
    next();
  };
}
