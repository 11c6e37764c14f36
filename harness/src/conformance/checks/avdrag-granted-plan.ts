import type { AvdragV1OpprettResultatPayload, ReplyType } from '@fiks-faktura/sdk';
import type { StepUnderJudgement } from './check-definition.js';
import { decidedAnswer } from './granted-answer.js';
import { field } from './vendor-answer.js';

const RESULTAT: ReplyType = 'no.ks.fiks.faktura.avdrag.v1.opprett.resultat';
const GRANTED: AvdragV1OpprettResultatPayload['utfall'] = 'INNVILGET';

/** The clause every granted-plan rule enforces. */
export const AVDRAG_RULE_5 = 'no.ks.fiks.faktura.avdrag/v1/README.md#rule-5';

/** A granted instalment plan as the rules read it (fields unknown until checked). */
export interface GrantedPlan {
  readonly plan: unknown;
  readonly instalments: readonly unknown[];
  readonly request: unknown;
}

/** The plan of a granted avdrag answer whose `avdrag` is a list, else undefined (the schema check reports the rest). */
export function grantedPlan(judged: StepUnderJudgement): GrantedPlan | undefined {
  const answer = decidedAnswer(judged, RESULTAT);
  if (answer?.utfall !== GRANTED) return undefined;
  const plan = field(answer.payload, 'nedbetalingsplan');
  const instalments = field(plan, 'avdrag');
  return Array.isArray(instalments) ? { plan, instalments, request: answer.request } : undefined;
}
