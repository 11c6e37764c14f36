// A follow-up step takes values of earlier answers into its request; when an earlier answer lacks
// one, the step is not sent and the case check steps.follow-up fails it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { followUpCheck } from '../../../src/conformance/checks/follow-up-check.js';
import type { RecordedExchange, RecordedReply } from '../../../src/conformance/model/recorded-exchange.js';
import { followUpStep } from '../../../src/conformance/runner/follow-up.js';
import { step, testCase } from './runner-fixture.js';

const plan = {
  nedbetalingsplan: { avdrag: [{ fakturanummer: '2026-0001-01' }, { fakturanummer: '2026-0001-02' }] },
};
const answer = (payload: unknown): RecordedReply => ({
  meldingId: 'm',
  meldingType: 'x',
  avsenderKontoId: 'v',
  mottakerKontoId: 'h',
  receivedAt: 0,
  harPayload: true,
  opened: { ok: true, files: [], signature: { status: 'absent' }, payload },
});
const followUp = step(
  { foresporselId: 'f2', faktura: { fakturanummer: '2026-0001', kommunenummer: '4601' } },
  {
    fromAnswer: [
      { step: 1, path: '$.nedbetalingsplan.avdrag[1].fakturanummer', into: '$.faktura.fakturanummer' },
    ],
  },
);

test('the value of the earlier answer replaces the template value; the template itself is untouched', () => {
  const built = followUpStep(followUp, () => answer(plan));
  assert.ok('step' in built);
  if (!('step' in built)) return;
  assert.equal(built.step.payload, {
    foresporselId: 'f2',
    faktura: { fakturanummer: '2026-0001-02', kommunenummer: '4601' },
  });
  assert.is((followUp.payload as { faktura: { fakturanummer: string } }).faktura.fakturanummer, '2026-0001');
});

test('an earlier answer without the value, or without any answer, names what is missing', () => {
  const lacking = followUpStep(followUp, () => answer({ nedbetalingsplan: { avdrag: [] } }));
  assert.ok('missing' in lacking && lacking.missing.includes('$.nedbetalingsplan.avdrag[1].fakturanummer'));
  const none = followUpStep(followUp, () => undefined);
  assert.ok('missing' in none);
});

test('steps.follow-up fails a follow-up that was not sent, and passes one that was', () => {
  const c = testCase('f', [step({ foresporselId: 'f1' }), followUp]);
  const exchange = (n: number, notSent?: string) =>
    ({ step: n, attempt: 1, ...(notSent === undefined ? {} : { notSent }) }) as RecordedExchange;
  const failed = followUpCheck({
    testCase: c,
    exchanges: [exchange(1), exchange(2, 'no value')],
    context: {} as never,
  });
  assert.equal(
    failed.map((r) => [r.id, r.verdict, r.step]),
    [['steps.follow-up', 'fail', 2]],
  );
  const passed = followUpCheck({ testCase: c, exchanges: [exchange(1), exchange(2)], context: {} as never });
  assert.is(passed[0]?.verdict, 'pass');
});

test.run();
