import { streamId } from '@chartline/events';

/**
 * How the APIs read HR's access grants (pure; the I/O is the APIs'). A subject (a token's `sub`)
 * that HR has linked to a staff member in a hospital has an access stream there,
 * `staffAccess-<hospitalId>.<sub>`; from the link on, that subject's tokens may use in that
 * hospital only the roles HR granted (and the token carries). A subject HR never linked is not
 * governed: its token's roles stand. See docs/operations.md "Access grants".
 */

/** The grants of one subject in one hospital, as the APIs apply them. */
export interface AccessGrants {
  /** True once HR linked the subject to a staff member here: its tokens are narrowed to `roles`. */
  readonly governed: boolean;
  readonly roles: readonly string[];
}

export const UNGOVERNED: AccessGrants = { governed: false, roles: [] };

/** An identity-provider subject HR can link: an opaque id (never an e-mail, which would put personal data in a stream id). */
export const LINKABLE_SUBJECT = /^[A-Za-z0-9._:-]{1,128}$/;

/** The access stream of a subject in a hospital, or undefined for a subject HR could never have linked. */
export function accessStreamOf(hospitalId: string, subject: string): string | undefined {
  if (!LINKABLE_SUBJECT.test(subject)) return undefined;
  try {
    return streamId('staffAccess', hospitalId, subject);
  } catch {
    // A malformed hospital id holds no stream; the route refuses it on its own (400).
    return undefined;
  }
}

interface StoredEvent {
  readonly type: string;
  readonly data: unknown;
}

const roleOf = (data: unknown) => String((data as { role?: unknown }).role);

/** Folds a subject's access stream (hr.AccessSubjectLinked, AccessRoleGranted, AccessRoleRevoked) into its grants. */
export function accessGrantsFrom(events: readonly StoredEvent[]): AccessGrants {
  let governed = false;
  let roles: string[] = [];
  for (const event of events) {
    if (event.type === 'hr.AccessSubjectLinked') governed = true;
    else if (event.type === 'hr.AccessRoleGranted') {
      governed = true;
      roles = [...roles.filter((r) => r !== roleOf(event.data)), roleOf(event.data)];
    } else if (event.type === 'hr.AccessRoleRevoked') {
      governed = true;
      roles = roles.filter((r) => r !== roleOf(event.data));
    }
  }
  return { governed, roles };
}
