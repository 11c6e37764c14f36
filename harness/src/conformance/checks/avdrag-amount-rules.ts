import { isOere, splitWholeKroner } from '@fiks-faktura/sdk';
import type { CheckResult } from '../model/check-result.js';
import { AVDRAG_RULE_5, grantedPlan } from './avdrag-granted-plan.js';
import type { CheckDefinition, StepUnderJudgement } from './check-definition.js';
import { outcomeOf } from './check-outcome.js';
import { field, shown } from './vendor-answer.js';

/** The instalments add up to the plan's total. */
export const AVDRAG_SUM: CheckDefinition = {
  id: 'rules.avdrag.sum',
  severity: 'failure',
  spec: AVDRAG_RULE_5,
  title: 'The instalment amounts (whole øre) sum to totalbeloepOere',
};

/** Whole kroner, the remainder on the first. */
export const AVDRAG_SPLIT: CheckDefinition = {
  id: 'rules.avdrag.split',
  severity: 'failure',
  spec: AVDRAG_RULE_5,
  title: 'The split is in whole kroner, equal instalments, with the remainder (kroner and øre) on the first',
};

function amounts(instalments: readonly unknown[]): unknown[] {
  return instalments.map((a) => field(a, 'beloepOere'));
}

/** Rule 5: the sum. */
export function avdragSumCheck(judged: StepUnderJudgement): CheckResult[] {
  const granted = grantedPlan(judged);
  if (granted === undefined) return [];
  const outcome = outcomeOf(AVDRAG_SUM, judged);
  const total = field(granted.plan, 'totalbeloepOere');
  const beloep = amounts(granted.instalments);
  const bad = beloep.map((b, i) => ({ b, i })).filter(({ b }) => !isOere(b));
  if (bad.length > 0)
    return [
      outcome.fail(
        `not whole øre: ${bad.map(({ b, i }) => `avdrag[${i}].beloepOere = ${shown(b)}`).join(', ')}.`,
      ),
    ];
  const sum = (beloep as number[]).reduce((s, b) => s + b, 0);
  return sum === total
    ? [outcome.pass(`the instalments sum to totalbeloepOere ${sum}.`)]
    : [
        outcome.fail(
          `the instalments (${beloep.join(' + ')}) sum to ${sum} øre; totalbeloepOere is ${shown(total)}.`,
        ),
      ];
}

/** Rule 5: the whole-kroner split. */
export function avdragSplitCheck(judged: StepUnderJudgement): CheckResult[] {
  const granted = grantedPlan(judged);
  if (granted === undefined || granted.instalments.length === 0) return [];
  const outcome = outcomeOf(AVDRAG_SPLIT, judged);
  const total = field(granted.plan, 'totalbeloepOere');
  if (!isOere(total))
    return [outcome.skip(`totalbeloepOere is ${shown(total)}, so the split cannot be computed.`)];
  const expected = splitWholeKroner(total, granted.instalments.length);
  const found = amounts(granted.instalments);
  return expected.every((b, i) => found[i] === b)
    ? [outcome.pass(`${total} øre split in whole kroner with the remainder first: ${expected.join(', ')}.`)]
    : [
        outcome.fail(
          `${total} øre in ${expected.length} instalments must be ${expected.join(', ')} (whole kroner, equal, the remainder on the first); found ${found.map((b) => shown(b)).join(', ')}.`,
        ),
      ];
}
