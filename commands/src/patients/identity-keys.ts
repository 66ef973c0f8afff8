import type { Aggregate, CommandContext } from '../shared/command-spec.js';
import type { PatientsEventNamed } from './events.js';

export type IdentityKeyKind = 'name_birth_date_sex' | 'national_id';

export interface IdentityKey {
  readonly kind: IdentityKeyKind;
  /** Blind index (HMAC) of the normalised identity: the id of a `patientkey` stream. */
  readonly hmac: string;
}

/** Case, accents, punctuation and spacing differ between clerks; the person does not. */
function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function normaliseNationalId(id: string): string {
  return id.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
}

export interface Identity {
  readonly givenName: string;
  readonly familyName: string;
  readonly birthDate: string;
  readonly sex: string;
  readonly nationalId: string | null;
}

/** The blind indexes a registration is filed under. The kind prefixes the value so kinds never collide. */
export function identityKeys(identity: Identity, ctx: Pick<CommandContext, 'blindIndex'>): IdentityKey[] {
  const person = [
    normaliseName(identity.familyName),
    normaliseName(identity.givenName),
    identity.birthDate,
    identity.sex,
  ];
  const keys: IdentityKey[] = [
    { kind: 'name_birth_date_sex', hmac: ctx.blindIndex(`name_birth_date_sex:${person.join('|')}`) },
  ];
  if (identity.nationalId !== null) {
    keys.push({ kind: 'national_id', hmac: ctx.blindIndex(`national_id:${normaliseNationalId(identity.nationalId)}`) });
  }
  return keys;
}

export interface PatientKeyState {
  /** Patients already filed under this key, oldest first. */
  readonly patientIds: readonly string[];
}

/** `patientkey-<hospitalId>.<hmac>`: who has been registered under one identity. */
export const patientKeyAggregate: Aggregate<PatientKeyState, PatientsEventNamed<'PatientIdentityKeyClaimed'>> = {
  name: 'patientkey',
  initialState: { patientIds: [] },
  evolve: (state, event) =>
    event.type === 'PatientIdentityKeyClaimed' ? { patientIds: [...state.patientIds, event.data.patientId] } : state,
};
