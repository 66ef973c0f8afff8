import { z } from 'zod';

/**
 * A person's name as a clerk may type it, and nothing a screen or a printout could be fooled by.
 * Refused: control characters (NUL, line breaks, …), bidirectional overrides, embeddings, isolates
 * and marks (a reversed name reads as another name: "Trojan Source"), lone UTF-16 surrogates (not
 * text at all), and names made only of invisible characters. Zero-width joiners inside a name stay:
 * Persian and Indic names need them.
 */
/** A high surrogate not followed by a low one, or a low one not preceded by a high one (no `u` flag: code units). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const CONTROL = /[\p{Cc}\u2028\u2029]/u;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
const INVISIBLE = /\s|[\u200B-\u200D\u2060\uFEFF\u00AD\u180E]|\u034F/gu;

const FIX = 'Send the name as plain text: letters, spaces, hyphens and apostrophes.';

/** A personal name field: trimmed, normalised to NFC (one spelling per name), 1–100 characters. */
export const personalName = (what: string) =>
  z
    .string()
    .check((ctx) => {
      const value = ctx.value;
      const problem = LONE_SURROGATE.test(value)
        ? 'contains a lone surrogate (not valid text)'
        : CONTROL.test(value)
          ? 'contains a control character (NUL, line break, tab, …)'
          : BIDI.test(value)
            ? 'contains a bidirectional-text control (override, isolate or mark)'
            : value.replace(INVISIBLE, '') === ''
              ? 'has no visible character'
              : null;
      if (problem)
        ctx.issues.push({ code: 'custom', input: value, message: `The name ${problem}. ${FIX}`, abort: true });
    })
    .trim()
    .normalize('NFC')
    .min(1, 'The name must not be empty.')
    .max(100, 'The name is at most 100 characters.')
    .describe(what);
