import type { Mutant } from '../mutant.js';
import { ENVELOPE_MUTANTS } from './envelope-mutants.js';
import { REPLY_MUTANTS } from './reply-mutants.js';
import { TRANSPORT_MUTANTS } from './transport-mutants.js';

/** Every mutant of the self-test, in the table's order. */
export const MUTANTS: readonly Mutant[] = [...TRANSPORT_MUTANTS, ...ENVELOPE_MUTANTS, ...REPLY_MUTANTS];
