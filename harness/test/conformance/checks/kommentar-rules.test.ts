import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import type { StepUnderJudgement } from '../../../src/conformance/checks/check-definition.js';
import {
  forventetSvarInnenCheck,
  sameHenvendelseCheck,
} from '../../../src/conformance/checks/kommentar-rules.js';
import {
  caseOf,
  example,
  exchangeOf,
  judgeContext,
  judged,
  KO,
  replyOf,
  stepOf,
  verdicts,
} from './recorded-exchanges.js';

const test = suite('checks: kommentar rules 2 and 8');
const PAIR = {
  request: { type: KO.send, name: 'person-barnehage-telefon' },
  reply: { type: KO.kvittering, name: 'rutet-til-barnehage' },
} as const;

test('rule 8: forventetSvarInnen after the day received passes; the day before fails; absent is not checked', () => {
  assert.equal(verdicts(forventetSvarInnenCheck(judged(PAIR.request, PAIR.reply))), ['pass']);
  const early = judged(PAIR.request, PAIR.reply, {
    payload: (p) => {
      p['forventetSvarInnen'] = '2026-03-01';
    },
  });
  const [result] = forventetSvarInnenCheck(early);
  assert.is(result!.verdict, 'fail');
  assert.match(result!.message, /2026-03-01 is before 2026-03-02/);
  assert.is(result!.spec, 'no.ks.fiks.faktura.kommentar/v1/README.md#rule-8');
  const sameDay = judged(PAIR.request, PAIR.reply, {
    payload: (p) => {
      p['forventetSvarInnen'] = '2026-03-02';
    },
  });
  assert.equal(verdicts(forventetSvarInnenCheck(sameDay)), ['pass']);
  assert.equal(
    forventetSvarInnenCheck(
      judged({ type: KO.send, name: 'sameier-endre-kontaktinfo' }, { type: KO.kvittering, name: 'minimal' }),
    ),
    [],
  );
});

function resent(henvendelseId: string): StepUnderJudgement {
  const request = { type: KO.send, payload: example(KO.send, 'person-barnehage-telefon') };
  const receipt = example(KO.kvittering, 'rutet-til-barnehage');
  const steps = [
    stepOf(KO.send, [KO.kvittering]),
    stepOf(KO.send, [KO.kvittering], [], { kind: 'resend', resendOf: 1 }),
  ];
  const testCase = caseOf('no.ks.fiks.faktura.kommentar', steps);
  const exchanges = [
    exchangeOf(request, [replyOf(KO.kvittering, receipt)]),
    exchangeOf(request, [replyOf(KO.kvittering, { ...receipt, henvendelseId })], { step: 2 }),
  ];
  return { testCase, step: steps[1]!, exchange: exchanges[1]!, exchanges, context: judgeContext() };
}

test('rule 2: a resent comment with the same henvendelseId passes; a new one fails; a first send is not concerned', () => {
  assert.equal(verdicts(sameHenvendelseCheck(resent('0b5c7d9e-2f4a-4b6c-8d0e-1f3a5b7c9d01'))), ['pass']);
  const [result] = sameHenvendelseCheck(resent('0b5c7d9e-2f4a-4b6c-8d0e-1f3a5b7c9d99'));
  assert.is(result!.verdict, 'fail');
  assert.is(result!.step, 2);
  assert.match(result!.message, /registered once/);
  assert.equal(sameHenvendelseCheck(judged(PAIR.request, PAIR.reply)), []);
});

test.run();
