import type { FreshnessRead } from '../../bench/freshness-read.js';

const CATALOGUE_COMMANDS = ['define-test', 'set-reference-ranges', 'define-panel'];

/** A catalogue command shows in the catalogue; every other laboratory command in its order (the answer's id). */
export const laboratoryFreshnessRead: FreshnessRead = (step, answer) =>
  CATALOGUE_COMMANDS.includes(step.command)
    ? `/hospitals/${step.hospitalId}/laboratory/catalogue`
    : `/hospitals/${step.hospitalId}/laboratory/orders/${answer.id}`;
