import { z } from 'zod';

/**
 * A closed list of codes, each with its meaning in the schema's description, so the OpenAPI
 * document says what `aadvice` or `snf` means (an enum alone does not).
 */
export function describedCodes<const T extends Readonly<Record<string, string>>>(what: string, meanings: T) {
  const keys = Object.keys(meanings) as [Extract<keyof T, string>, ...Extract<keyof T, string>[]];
  const list = Object.entries(meanings)
    .map(([code, meaning]) => `\`${code}\`: ${meaning}`)
    .join('; ');
  return z.enum(keys).describe(`${what} ${list}.`);
}
