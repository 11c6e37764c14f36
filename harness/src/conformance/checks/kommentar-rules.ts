import { isCalendarDate, type ReplyType } from '@fiks-faktura/sdk';
import type { CheckResult } from '../model/check-result.js';
import type { CheckDefinition, StepUnderJudgement } from './check-definition.js';
import { outcomeOf } from './check-outcome.js';
import { readableAnswer } from './judged-answer.js';
import { field, shown } from './vendor-answer.js';

const KVITTERING: ReplyType = 'no.ks.fiks.faktura.kommentar.v1.send.kvittering';
const README = 'no.ks.fiks.faktura.kommentar/v1/README.md';

/** The expected answer date is not before the day the comment was received. */
export const FORVENTET_SVAR_INNEN: CheckDefinition = {
  id: 'rules.kommentar.forventet-svar-innen',
  severity: 'failure',
  spec: `${README}#rule-8`,
  title: 'forventetSvarInnen, when given, is not earlier than the date of mottattTidspunkt',
};

/** A resent comment is the same comment. */
export const SAME_HENVENDELSE: CheckDefinition = {
  id: 'rules.kommentar.same-henvendelse',
  severity: 'failure',
  spec: `${README}#rule-2`,
  title: 'A repeated request gets the identical receipt (same henvendelseId)',
};

/** The receipt of a step, when the answer is one. */
function receipt(judged: Pick<StepUnderJudgement, 'exchange' | 'context'>): unknown {
  const answer = readableAnswer(judged);
  return answer?.reply.meldingType === KVITTERING ? answer.payload : undefined;
}

/** Rule 8: `forventetSvarInnen` ≥ the date of `mottattTidspunkt` (in the timestamp's own offset). */
export function forventetSvarInnenCheck(judged: StepUnderJudgement): CheckResult[] {
  const payload = receipt(judged);
  const svarInnen = field(payload, 'forventetSvarInnen');
  if (payload === undefined || svarInnen === undefined) return [];
  const outcome = outcomeOf(FORVENTET_SVAR_INNEN, judged);
  const mottatt = field(payload, 'mottattTidspunkt');
  const mottattDato = typeof mottatt === 'string' ? mottatt.slice(0, 10) : undefined;
  if (!isCalendarDate(svarInnen) || !isCalendarDate(mottattDato))
    return [
      outcome.fail(
        `forventetSvarInnen ${shown(svarInnen)} and mottattTidspunkt ${shown(mottatt)} must be a date and a timestamp.`,
      ),
    ];
  return svarInnen >= mottattDato
    ? [
        outcome.pass(
          `forventetSvarInnen ${svarInnen} is not before ${mottattDato}, the day the comment was received.`,
        ),
      ]
    : [
        outcome.fail(
          `forventetSvarInnen ${svarInnen} is before ${mottattDato}, the day the comment was received (mottattTidspunkt ${String(mottatt)}).`,
        ),
      ];
}

/** Rule 2: a resend step's receipt has the original step's `henvendelseId`. */
export function sameHenvendelseCheck(judged: StepUnderJudgement): CheckResult[] {
  const { step, exchanges, context } = judged;
  if (step.kind !== 'resend' || step.resendOf === undefined) return [];
  const payload = receipt(judged);
  const original = exchanges.find((e) => e.step === step.resendOf);
  if (payload === undefined || original === undefined) return [];
  const outcome = outcomeOf(SAME_HENVENDELSE, judged);
  const before = receipt({ exchange: original, context });
  if (before === undefined) return [outcome.skip(`step ${step.resendOf} has no receipt to compare with.`)];
  const now = field(payload, 'henvendelseId');
  const then = field(before, 'henvendelseId');
  return now !== undefined && now === then
    ? [
        outcome.pass(
          `the repeated comment has the same henvendelseId as step ${step.resendOf} (${String(now)}).`,
        ),
      ]
    : [
        outcome.fail(
          `the repeated comment got henvendelseId ${shown(now)}, step ${step.resendOf} got ${shown(then)}; a repeated request must get the identical receipt, and the comment be registered once.`,
        ),
      ];
}
