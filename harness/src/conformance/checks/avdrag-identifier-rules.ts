import { isValidKidMod10 } from '@fiks-faktura/sdk';
import type { CheckResult } from '../model/check-result.js';
import { AVDRAG_RULE_5, type GrantedPlan, grantedPlan } from './avdrag-granted-plan.js';
import type { CheckDefinition, StepUnderJudgement } from './check-definition.js';
import { outcomeOf } from './check-outcome.js';
import { field, fieldAt, shown } from './vendor-answer.js';

/** Every instalment is a new invoice. */
export const AVDRAG_FAKTURANUMMER: CheckDefinition = {
  id: 'rules.avdrag.fakturanummer',
  severity: 'failure',
  spec: AVDRAG_RULE_5,
  title: 'Every instalment has a new fakturanummer, unique in the plan',
};

/** Every instalment has its own new KID. */
export const AVDRAG_KID: CheckDefinition = {
  id: 'rules.avdrag.kid',
  severity: 'failure',
  spec: AVDRAG_RULE_5,
  title: 'Every instalment has a new KID, unique in the plan and MOD10-valid',
};

/** The original invoice's value of `key`, from the request and the plan's `opprinneligFaktura`. */
function originals(granted: GrantedPlan, key: string): string[] {
  return [fieldAt(granted.request, 'faktura', key), fieldAt(granted.plan, 'opprinneligFaktura', key)].filter(
    (v): v is string => typeof v === 'string',
  );
}

/** Problems with one identifier across the instalments: the original reused, or one repeated. */
function identifierProblems(granted: GrantedPlan, key: string, valid?: (v: string) => boolean): string[] {
  const old = originals(granted, key);
  const seen = new Map<unknown, number>();
  const problems: string[] = [];
  granted.instalments.forEach((a, i) => {
    const value = field(a, key);
    if (typeof value !== 'string') problems.push(`avdrag[${i}].${key} is ${shown(value)}`);
    else if (old.includes(value)) problems.push(`avdrag[${i}].${key} ${value} is the original invoice's`);
    else if (valid !== undefined && !valid(value))
      problems.push(`avdrag[${i}].${key} ${value} is not MOD10-valid`);
    const before = seen.get(value);
    if (before !== undefined)
      problems.push(`avdrag[${i}].${key} repeats avdrag[${before}]'s ${shown(value)}`);
    else seen.set(value, i);
  });
  return problems;
}

/** Rule 5: new, unique invoice numbers. */
export function avdragFakturanummerCheck(judged: StepUnderJudgement): CheckResult[] {
  const granted = grantedPlan(judged);
  if (granted === undefined || granted.instalments.length === 0) return [];
  const outcome = outcomeOf(AVDRAG_FAKTURANUMMER, judged);
  const problems = identifierProblems(granted, 'fakturanummer');
  return problems.length === 0
    ? [outcome.pass('every instalment has a new, unique fakturanummer.')]
    : [outcome.fail(`${problems.join('; ')}.`)];
}

/** Rule 5: new, unique, MOD10-valid KIDs. */
export function avdragKidCheck(judged: StepUnderJudgement): CheckResult[] {
  const granted = grantedPlan(judged);
  if (granted === undefined || granted.instalments.length === 0) return [];
  const outcome = outcomeOf(AVDRAG_KID, judged);
  const problems = identifierProblems(granted, 'kid', isValidKidMod10);
  return problems.length === 0
    ? [outcome.pass('every instalment has a new, unique, MOD10-valid KID.')]
    : [outcome.fail(`${problems.join('; ')}.`)];
}
