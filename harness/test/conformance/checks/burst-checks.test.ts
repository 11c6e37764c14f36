import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { burstCorrelationCheck, burstDeadlineCheck } from '../../../src/conformance/checks/burst-checks.js';
import type { BurstCopy, RecordedReply } from '../../../src/conformance/model/recorded-exchange.js';
import { GRANTED_DEFERRAL, judged, verdicts } from './recorded-exchanges.js';

const test = suite('checks: burst');

/** A burst of `n` copies, each answered after `waitMs(i)` by a reply echoing `answers(i)`'s foresporselId. */
function burst(
  n: number,
  options: { waitMs?: (i: number) => number; answers?: (i: number) => number | null } = {},
) {
  const j = judged(GRANTED_DEFERRAL.request, GRANTED_DEFERRAL.reply);
  const { exchange } = j;
  const template = exchange.replies[0]!;
  const requestOf = (i: number) => ({
    ...exchange.request,
    meldingId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    payload: { ...(exchange.request.payload as object), foresporselId: `f-${i}` },
  });
  const replyTo = (i: number, sentAt: number): RecordedReply[] => {
    const answered = options.answers === undefined ? i : options.answers(i);
    if (answered === null) return [];
    const opened = template.opened!;
    return [
      {
        ...template,
        meldingId: `reply-${i}`,
        svarPaMelding: requestOf(i).meldingId,
        receivedAt: sentAt + (options.waitMs?.(i) ?? 100),
        opened: opened.ok
          ? { ...opened, payload: { ...(opened.payload as object), foresporselId: `f-${answered}` } }
          : opened,
      },
    ];
  };
  const sentAt = exchange.timeline.sentAt;
  const copies: BurstCopy[] = Array.from({ length: n - 1 }, (_, k) => {
    const i = k + 2;
    return { request: requestOf(i), replies: replyTo(i, sentAt), timeline: { sentAt, source: 'harness' } };
  });
  return {
    ...j,
    exchange: { ...exchange, request: requestOf(1), replies: replyTo(1, sentAt), burst: copies },
  };
}

test('a step that is no burst is not judged', () => {
  const j = judged(GRANTED_DEFERRAL.request, GRANTED_DEFERRAL.reply);
  assert.equal(burstCorrelationCheck(j), []);
  assert.equal(burstDeadlineCheck(j), []);
});

test('every copy answered by its own answer within the deadline passes both', () => {
  const j = burst(20);
  assert.equal(verdicts(burstCorrelationCheck(j)), ['pass']);
  assert.equal(verdicts(burstDeadlineCheck(j)), ['pass']);
  assert.match(burstDeadlineCheck(j)[0]!.message, /20 requests at once: p50 100 ms, p99 100 ms/);
});

test("an answer carrying another copy's foresporselId is mis-correlated", () => {
  const j = burst(10, { answers: (i) => (i === 4 ? 7 : i) });
  const [result] = burstCorrelationCheck(j);
  assert.is(result!.verdict, 'fail');
  assert.match(result!.message, /copy 4 .* asked with foresporselId f-4, but its answer .* is for f-7/);
});

test('a copy without answer fails the correlation, and counts as over the deadline', () => {
  const j = burst(10, { answers: (i) => (i === 3 ? null : i) });
  assert.match(burstCorrelationCheck(j)[0]!.message, /copy 3 .* got 0 answers/);
  const [p99] = burstDeadlineCheck(j);
  assert.is(p99!.verdict, 'fail');
  assert.match(p99!.message, /p99 no answer/);
});

test('one slow answer in a hundred passes the p99; two fail it', () => {
  const one = burst(100, { waitMs: (i) => (i === 50 ? 20_000 : 200) });
  assert.equal(verdicts(burstDeadlineCheck(one)), ['pass']);
  const two = burst(100, { waitMs: (i) => (i === 50 || i === 60 ? 20_000 : 200) });
  const [result] = burstDeadlineCheck(two);
  assert.is(result!.verdict, 'fail');
  assert.match(result!.message, /p99 20000 ms, max 20000 ms; the p99 is over the deadline of 10000 ms/);
});

test.run();
