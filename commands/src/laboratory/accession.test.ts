import { expect } from 'chai';
import fc from 'fast-check';
import { formatAccessionNumber, isValidAccessionNumber } from './accession.js';

/**
 * ISO/IEC 7064 MOD 37-36 (hybrid system, M = 36) written out from the standard, independently of
 * cdigit, which the module uses: both must agree on every number.
 */
const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';
function referenceCheckCharacter(payload: string): string {
  let p = 36;
  for (const ch of payload) {
    const s = ((p % 37) + ALPHABET.indexOf(ch)) % 36;
    p = ((s === 0 ? 36 : s) * 2) % 37;
  }
  return ALPHABET[(37 - p) % 36] as string;
}

describe('accession numbers (L + 8 digits + ISO/IEC 7064 MOD 37-36 check character)', () => {
  it('matches vectors computed by python-stdnum 2.2 (stdnum.iso7064.mod_37_36.calc_check_digit)', () => {
    const vectors: [number, string][] = [
      [1, 'L00000001D'],
      [2, 'L00000002B'],
      [10, 'L00000010B'],
      [99, 'L00000099X'],
      [1234, 'L00001234Z'],
      [12_345_678, 'L12345678A'],
      [99_999_999, 'L99999999N'],
      [36, 'L00000036S'],
      [37, 'L00000037Q'],
      [4_711_058, 'L047110587'],
    ];
    for (const [sequence, expected] of vectors) expect(formatAccessionNumber(sequence)).to.equal(expected);
  });

  it('agrees with the standard written out independently, for any sequence', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999 }), (sequence) => {
        const number = formatAccessionNumber(sequence);
        expect(number.slice(-1)).to.equal(referenceCheckCharacter(number.slice(0, -1)));
        expect(isValidAccessionNumber(number)).to.equal(true);
      }),
    );
  });

  it('catches every single-character substitution', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 99_999_999 }), (sequence) => {
        const number = formatAccessionNumber(sequence);
        for (let i = 1; i < number.length; i++) {
          for (const ch of ALPHABET) {
            if (ch === number[i] || (i < number.length - 1 && !/\d/.test(ch))) continue;
            expect(
              isValidAccessionNumber(number.slice(0, i) + ch + number.slice(i + 1)),
              `${number} @${i}→${ch}`,
            ).to.equal(false);
          }
        }
      }),
      { numRuns: 50 },
    );
  });

  it('refuses anything not shaped like one', () => {
    for (const bad of ['', 'L0000001D', 'X00000001D', 'L00000001d', 'L00000001*', 'L000000001D'])
      expect(isValidAccessionNumber(bad), bad).to.equal(false);
  });
});

describe('accession numbers: adjacent transpositions', () => {
  it('are caught for nearly every number (a hybrid system misses a few, e.g. 01 ↔ 10 before some checks)', () => {
    let missed = 0;
    let tried = 0;
    for (let sequence = 1; sequence <= 5000; sequence += 7) {
      const number = formatAccessionNumber(sequence);
      for (let i = 2; i < number.length; i++) {
        const a = number[i - 1] as string;
        const b = number[i] as string;
        if (a === b) continue;
        tried++;
        if (isValidAccessionNumber(number.slice(0, i - 1) + b + a + number.slice(i + 1))) missed++;
      }
    }
    expect(missed / tried).to.be.below(0.05);
  });
});
