import { expect } from 'chai';

/** What identifies a test patient: none of it may reach a log line or a process's output. */
export interface PersonalIdentifiers {
  readonly givenName: string;
  readonly familyName: string;
  /** YYYY-MM-DD. */
  readonly birthDate: string;
  readonly nationalId?: string;
}

/**
 * Every spelling the system might produce of a person's identifiers: as given, the birth date
 * without dashes, the national id without separators (as the blind index normalises it). Matched
 * case-insensitively, so a lower-cased search key counts too. `extra`: further fragments.
 */
export function personalSpellings(person: PersonalIdentifiers, extra: readonly string[] = []): string[] {
  const values = [person.givenName, person.familyName, person.birthDate, person.birthDate.replaceAll('-', '')];
  if (person.nationalId) values.push(person.nationalId, person.nationalId.replace(/[^\p{L}\p{N}]/gu, ''));
  return [...new Set([...values, ...extra].map((v) => v.toLowerCase()))];
}

/** The lines holding a personal value or a bearer token, each as `value: line` (line cut short). */
export function personalDataLeaks(
  output: string | readonly string[],
  person: PersonalIdentifiers,
  extra: readonly string[] = [],
): string[] {
  const lines = typeof output === 'string' ? output.split('\n') : output;
  const spellings = personalSpellings(person, extra);
  const leaks: string[] = [];
  for (const line of lines) {
    const lower = line.toLowerCase();
    for (const value of spellings) if (lower.includes(value)) leaks.push(`${value}: ${line.slice(0, 300)}`);
    if (/Bearer |eyJ[A-Za-z0-9_-]{10,}/.test(line)) leaks.push(`token: ${line.slice(0, 120)}`);
  }
  return leaks;
}

/** Fails naming every leaking line. `source` says whose output it was (a process, a logger). */
export function expectNoPersonalData(
  output: string | readonly string[],
  person: PersonalIdentifiers,
  options: { readonly source?: string; readonly extra?: readonly string[] } = {},
): void {
  expect(
    personalDataLeaks(output, person, options.extra),
    `${options.source ?? 'output'} leaks personal data`,
  ).to.deep.equal([]);
}
