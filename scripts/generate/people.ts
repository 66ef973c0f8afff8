import type { Random } from './prng.js';

// Invented demo people: common given and family names, random dates. No real person's data.
const GIVEN = [
  'Ada',
  'Amir',
  'Anna',
  'Ben',
  'Carla',
  'Chen',
  'Dara',
  'Elif',
  'Emma',
  'Femi',
  'Grace',
  'Hana',
  'Ivan',
  'Jonas',
  'Kemal',
  'Lena',
  'Luca',
  'Maya',
  'Nadia',
  'Noah',
  'Olga',
  'Omar',
  'Priya',
  'Rosa',
  'Sami',
  'Sofia',
  'Tomas',
  'Yara',
  'Yusuf',
  'Zoe',
] as const;
const FAMILY = [
  'Adler',
  'Baker',
  'Costa',
  'Dubois',
  'Eriksen',
  'Fischer',
  'Garcia',
  'Haddad',
  'Ito',
  'Jensen',
  'Kowalski',
  'Laurent',
  'Moreau',
  'Nakamura',
  'Okafor',
  'Petrov',
  'Quinn',
  'Rossi',
  'Schmidt',
  'Tanaka',
  'Usman',
  'Varga',
  'Weber',
  'Xu',
  'Yilmaz',
  'Zielinski',
] as const;
const SEXES = ['female', 'male', 'female', 'male', 'other', 'unknown'] as const;

export interface Demographics {
  readonly givenName: string;
  readonly familyName: string;
  readonly birthDate: string;
  readonly sex: (typeof SEXES)[number];
}

export function randomPerson(random: Random): Demographics {
  const year = random.int(1932, 2023);
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  return {
    givenName: random.pick(GIVEN),
    familyName: random.pick(FAMILY),
    birthDate: `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`,
    sex: random.pick(SEXES),
  };
}
