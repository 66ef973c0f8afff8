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

type PatientKeyEvent = PatientsEventNamed<'PatientIdentityKeyClaimed' | 'PatientIdentityKeyReleased'>;

/**
 * `patientkey-<hospitalId>.<hmac>`: who is filed under one identity now. A released patient
 * (erased, or whose demographics moved them to another key) is no longer a candidate.
 */
export const patientKeyAggregate: Aggregate<PatientKeyState, PatientKeyEvent> = {
  name: 'patientkey',
  initialState: { patientIds: [] },
  evolve: (state, event) => {
    switch (event.type) {
      case 'PatientIdentityKeyClaimed':
        return { patientIds: [...state.patientIds, event.data.patientId] };
      case 'PatientIdentityKeyReleased':
        return { patientIds: state.patientIds.filter((id) => id !== event.data.patientId) };
      default:
        return state;
    }
  },
};

/** The identity after a demographics change: the fields sent replace, the others stay. */
export function changedIdentity(
  identity: Identity,
  change: { readonly [K in keyof Identity]?: Identity[K] | null },
): Identity {
  return {
    givenName: change.givenName ?? identity.givenName,
    familyName: change.familyName ?? identity.familyName,
    birthDate: change.birthDate ?? identity.birthDate,
    sex: change.sex ?? identity.sex,
    nationalId: change.nationalId ?? identity.nationalId,
  };
}
