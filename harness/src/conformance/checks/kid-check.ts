import { isValidKidMod10 } from '@fiks-faktura/sdk';
import type { CheckResult } from '../model/check-result.js';
import { type CheckDefinition, protocolClause, type StepUnderJudgement } from './check-definition.js';
import { outcomeOf } from './check-outcome.js';
import { readableAnswer } from './judged-answer.js';
import { shown } from './vendor-answer.js';

/** Every KID the invoicing system issues is MOD10-valid. */
export const KID_MOD10: CheckDefinition = {
  id: 'rules.kid-mod10',
  severity: 'failure',
  spec: protocolClause('rule-1'),
  title: 'Every KID in the reply is MOD10-valid',
};

/** Every `kid` property anywhere in `value`, with its JSONPath. */
export function kidsIn(value: unknown, path = '$'): { path: string; kid: unknown }[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => kidsIn(item, `${path}[${i}]`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    key === 'kid' ? [{ path: `${path}.kid`, kid: child }] : kidsIn(child, `${path}.${key}`),
  );
}

/** Every KID of the answer passes MOD10. */
export function kidMod10Check(judged: StepUnderJudgement): CheckResult[] {
  const answer = readableAnswer(judged);
  if (answer === undefined) return [];
  const kids = kidsIn(answer.payload);
  if (kids.length === 0) return [];
  const outcome = outcomeOf(KID_MOD10, judged);
  const bad = kids.filter((k) => typeof k.kid !== 'string' || !isValidKidMod10(k.kid));
  if (bad.length === 0) return [outcome.pass(`${kids.length} KID(s), all MOD10-valid.`)];
  return [
    outcome.fail(`not a valid MOD10 KID: ${bad.map((k) => `${k.path} = ${shown(k.kid)}`).join(', ')}.`),
  ];
}
