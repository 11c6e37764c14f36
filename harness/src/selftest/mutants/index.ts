import type { Mutant } from '../mutant.js';
import { AVDRAG_MUTANTS } from './avdrag-mutants.js';
import { BEHAVIOUR_MUTANTS } from './behaviour-mutants.js';
import { BETALINGSUTSETTELSE_MUTANTS } from './betalingsutsettelse-mutants.js';
import { ENVELOPE_MUTANTS } from './envelope-mutants.js';
import { KOMMENTAR_MUTANTS } from './kommentar-mutants.js';
import { REPLY_MUTANTS } from './reply-mutants.js';
import { TRANSPORT_MUTANTS } from './transport-mutants.js';

/** Every mutant of the self-test, in the table's order. */
export const MUTANTS: readonly Mutant[] = [
  ...TRANSPORT_MUTANTS,
  ...ENVELOPE_MUTANTS,
  ...REPLY_MUTANTS,
  ...AVDRAG_MUTANTS,
  ...BETALINGSUTSETTELSE_MUTANTS,
  ...KOMMENTAR_MUTANTS,
  ...BEHAVIOUR_MUTANTS,
];
