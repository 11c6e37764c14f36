import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { caseVerdictOf } from '../../../src/conformance/checks/case-verdict.js';
import { deadlineCheck } from '../../../src/conformance/checks/deadline-check.js';
import { judgeCase } from '../../../src/conformance/checks/judge-case.js';
import { GRANTED_DEFERRAL, judged, verdicts } from './recorded-exchanges.js';

const test = suite('check: deadline');

test('an answer 450 ms after sending passes', () => {
  const results = deadlineCheck(judged(GRANTED_DEFERRAL.request, GRANTED_DEFERRAL.reply));
  assert.equal(verdicts(results), ['pass']);
  assert.match(results[0]!.message, /^Step 1: answered in 450 ms, within the deadline of 10000 ms/);
  assert.is(results[0]!.spec, 'conformance/README.md#deadline');
});

test('an answer received after the deadline fails with the time taken', () => {
  const j = judged(GRANTED_DEFERRAL.request, GRANTED_DEFERRAL.reply);
  const late = {
    ...j,
    exchange: { ...j.exchange, timeline: { ...j.exchange.timeline, answerReceivedAt: 1_010_001 } },
  };
  const [result] = deadlineCheck(late);
  assert.is(result!.verdict, 'fail');
  assert.match(result!.message, /answered in 10001 ms, later than the deadline of 10000 ms/);
});

test('exactly at the deadline passes; the emulator timeline splits vendor and platform time', () => {
  const j = judged(GRANTED_DEFERRAL.request, GRANTED_DEFERRAL.reply);
  const timeline = {
    sentAt: 1_000_000,
    acceptedAt: 1_000_010,
    deliveredAt: 1_000_020,
    answerAcceptedAt: 1_009_990,
    answerReceivedAt: 1_010_000,
    source: 'emulator' as const,
  };
  const [result] = deadlineCheck({ ...j, exchange: { ...j.exchange, timeline } });
  assert.is(result!.verdict, 'pass');
  assert.match(result!.message, /vendor's own time 9970 ms, Fiks IO 30 ms/);
});

test('no answer at all fails with "no answer within N ms"', () => {
  const j = judged(GRANTED_DEFERRAL.request, GRANTED_DEFERRAL.reply);
  const [result] = deadlineCheck({ ...j, exchange: { ...j.exchange, replies: [] } });
  assert.is(result!.verdict, 'fail');
  assert.match(result!.message, /no answer within 10000 ms/);
});

function expired(j: ReturnType<typeof judged>) {
  const reply = {
    ...j.exchange.replies[0]!,
    meldingType: 'no.ks.fiks.kvittering.tidsavbrudd',
    platformMessage: 'tidsavbrudd' as const,
    harPayload: false,
  };
  delete (reply as { opened?: unknown }).opened;
  return { ...j, exchange: { ...j.exchange, replies: [reply] } };
}

test("a tidsavbrudd from Fiks IO is the platform's report: an error, not the vendor's failure", () => {
  const [result] = deadlineCheck(expired(judged(GRANTED_DEFERRAL.request, GRANTED_DEFERRAL.reply)));
  assert.is(result!.verdict, 'error');
  assert.match(result!.message, /Fiks IO reports that the request expired unread \(tidsavbrudd/);
  assert.match(result!.message, /sent by the platform, not by the vendor/);
});

test('a case whose request expired unread is an error (the platform), not a failure (the vendor)', () => {
  const j = expired(judged(GRANTED_DEFERRAL.request, GRANTED_DEFERRAL.reply));
  const results = judgeCase(j.testCase, [j.exchange], j.context);
  const { verdict, reason } = caseVerdictOf(results, [j.exchange]);
  assert.is(verdict, 'error');
  assert.match(reason ?? '', /^deadline: .*tidsavbrudd/);
});

test('a step that expects tidsavbrudd passes when Fiks IO reports it', () => {
  const j = expired(judged(GRANTED_DEFERRAL.request, GRANTED_DEFERRAL.reply));
  const step = { ...j.step, expect: { replyTypes: ['no.ks.fiks.kvittering.tidsavbrudd'], assertions: [] } };
  const [result] = deadlineCheck({ ...j, step });
  assert.is(result!.verdict, 'pass');
});

test.run();
