import { RULE_FIELDS } from './rule-fields.js';

/**
 * Errors as people read them. Every non-2xx answer of both APIs is problem+json (RFC 9457): a
 * refused command names its rule, a bad field is named under `errors`. This turns them into words
 * for the person at the desk, says which form field a message belongs to, and what to do.
 */
export interface Problem {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail?: string;
  readonly rule?: string;
  readonly errors?: readonly { readonly field: string; readonly message: string }[];
}

/** What the console shows: one message per field, and one for the form as a whole. */
export interface ReadableProblem {
  readonly summary: string;
  /** What the person can do about it. */
  readonly action?: string;
  /** Form field name → message (the rule in the hospital's words). */
  readonly fields: Readonly<Record<string, string>>;
  readonly status: number;
  /** Expired session: the console asks to sign in again. */
  readonly sessionExpired: boolean;
}

/** A refused rule in the hospital's words, and the form field it concerns. */
const RULES: Readonly<Record<string, { readonly field?: string; readonly words: string }>> = {
  'bed-not-free': { field: 'bedId', words: 'This bed is not free: another patient holds it or it awaits cleaning.' },
  'bed-reserved-for-another-stay': { field: 'bedId', words: 'This bed is reserved for another patient.' },
  'bed-not-to-clean': { field: 'bedId', words: 'This bed is not waiting for cleaning.' },
  'bed-not-found': { field: 'bedId', words: 'No such bed on this ward.' },
  'same-bed': { field: 'toBedId', words: 'The patient is already in this bed: choose another.' },
  'wrong-bed-for-stay': { field: 'bedId', words: 'This stay is not in that bed.' },
  'stay-not-planned': { field: 'stayId', words: 'This admission is no longer waiting for a bed.' },
  'stay-not-in-progress': {
    field: 'stayId',
    words: 'The patient is not admitted (already discharged or not yet admitted).',
  },
  'stay-not-admitted': { field: 'stayId', words: 'The patient is not admitted yet.' },
  'stay-reserved-another-bed': { field: 'bedId', words: 'This admission has another bed reserved.' },
  'patient-on-leave': { field: 'stayId', words: 'The patient is on leave: end the leave first.' },
  'patient-has-active-stay': { field: 'patientId', words: 'The patient already has an open admission.' },
  'patient-deceased': { field: 'patientId', words: 'The patient’s death is recorded.' },
  'patient-voided': { field: 'patientId', words: 'This record was merged into another: use the surviving record.' },
  'patient-not-found': { field: 'patientId', words: 'No such patient in this hospital.' },
  'ward-not-found': { field: 'wardId', words: 'No such ward.' },
  'possible-duplicate-already-resolved': { words: 'Someone already decided about this possible duplicate.' },
  'possible-duplicate-not-found': { words: 'These two records are not flagged as possible duplicates.' },
  'personal-data-erased': { words: 'This patient’s personal data was erased.' },
};

/** `body.birthDate` → `birthDate`; header problems stay on the form. */
const fieldOf = (path: string): string | undefined =>
  path.startsWith('body.') ? path.slice('body.'.length).split('.')[0] : undefined;

export function readProblem(problem: Problem): ReadableProblem {
  const base = { status: problem.status, sessionExpired: false };
  if (problem.status === 401) {
    return {
      ...base,
      sessionExpired: true,
      summary: 'Your session has expired.',
      action: 'Sign in again; what you typed is kept.',
      fields: {},
    };
  }
  // A 403 naming a module rule (a witness's token refused) concerns a field, not the sender's role.
  if (problem.status === 403 && !(problem.rule && RULE_FIELDS[problem.rule])) {
    return {
      ...base,
      summary: 'Your role may not do this here.',
      action: 'Ask someone with the right role, or switch hospital or role.',
      fields: {},
    };
  }
  if (problem.status === 412) {
    return {
      ...base,
      summary: 'Someone changed this record since you opened it.',
      action: 'The screen has been refreshed: check it and try again.',
      fields: {},
    };
  }
  if (problem.status === 429) {
    return {
      ...base,
      summary: 'Too many requests at once.',
      action: 'Wait a few seconds, then try again.',
      fields: {},
    };
  }
  if (problem.status === 503) {
    return {
      ...base,
      summary: 'Chartline is briefly unavailable (a service it needs is not answering).',
      action: 'Nothing was lost. Try again in a few seconds; if it lasts, call the service desk.',
      fields: {},
    };
  }
  if (problem.rule) {
    const moduleField = RULE_FIELDS[problem.rule];
    const known = RULES[problem.rule] ?? (moduleField ? { field: moduleField, words: '' } : undefined);
    const words = known?.words || problem.detail || problem.title;
    return {
      ...base,
      summary: known?.field ? 'The command was refused: see the message beside the marked field.' : words,
      fields: known?.field ? { [known.field]: words } : {},
    };
  }
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const e of problem.errors ?? []) {
    const f = fieldOf(e.field);
    if (f && fields[f] === undefined) fields[f] = e.message;
    else if (!f) rest.push(e.message);
  }
  return {
    ...base,
    summary:
      Object.keys(fields).length > 0
        ? 'Some fields need correcting: see the messages beside them.'
        : [problem.detail ?? problem.title, ...rest].join(' '),
    fields,
  };
}

/** A request that never got an answer: the network, not Chartline. */
export const connectionLost: ReadableProblem = {
  status: 0,
  sessionExpired: false,
  summary: 'The connection to Chartline was lost.',
  action: 'Check the network; your work is kept and you can send it again (it will not be recorded twice).',
  fields: {},
};

/** Thrown by the API clients; carries what to show. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(readonly readable: ReadableProblem) {
    super(readable.summary);
  }
}
