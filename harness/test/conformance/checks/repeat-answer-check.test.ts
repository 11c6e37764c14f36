import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { repeatSameAnswerCheck } from '../../../src/conformance/checks/repeat-answer-check.js';
import {
  BU,
  caseOf,
  example,
  exchangeOf,
  judgeContext,
  replyOf,
  stepOf,
  verdicts,
} from './recorded-exchanges.js';

const test = suite('check: rules.repeat-same-answer (rule 2)');

function repeated(first: { type: string; payload: unknown }, second: { type: string; payload: unknown }) {
  const request = { type: BU.opprett, payload: example(BU.opprett, 'person-alle-felter') };
  const steps = [
    stepOf(BU.opprett, [first.type]),
    stepOf(BU.opprett, [first.type], [], { kind: 'resend', resendOf: 1 }),
  ];
  const testCase = caseOf('no.ks.fiks.faktura.betalingsutsettelse', steps);
  const exchanges = [
    exchangeOf(request, [replyOf(first.type, first.payload)]),
    exchangeOf(request, [replyOf(second.type, second.payload)], { step: 2 }),
  ];
  return repeatSameAnswerCheck({
    testCase,
    step: steps[1]!,
    exchange: exchanges[1]!,
    exchanges,
    context: judgeContext(),
  });
}

const granted = () => ({
  type: BU.resultat,
  payload: example(BU.resultat, 'innvilget-flyttet-til-virkedag'),
});
const notFound = (feilmelding?: string) => {
  const payload = example(BU.ikkefunnet, 'faktura-ukjent');
  return { type: BU.ikkefunnet, payload: feilmelding === undefined ? payload : { ...payload, feilmelding } };
};

test('the identical answer passes', () => {
  const [result] = repeated(granted(), granted());
  assert.is(result!.verdict, 'pass');
  assert.is(result!.spec, 'no.ks.fiks.faktura.betalingsutsettelse/v1/README.md#rule-2');
});

test('a different decision fails, naming the fields that differ', () => {
  const second = granted();
  (second.payload as Record<string, unknown>)['nyForfallsdato'] = '2026-04-08';
  const [result] = repeated(granted(), second);
  assert.is(result!.verdict, 'fail');
  assert.match(result!.message, /nyForfallsdato is "2026-04-08", was "2026-04-07"/);
});

test('another reply type fails', () => {
  assert.equal(verdicts(repeated(granted(), notFound())), ['fail']);
});

test('error replies compare their feilmelding, not their fresh errorId', () => {
  const other = notFound();
  (other.payload as Record<string, unknown>)['errorId'] = 'another-error-id';
  assert.equal(verdicts(repeated(notFound(), other)), ['pass']);
  assert.equal(verdicts(repeated(notFound(), notFound('Fakturaen finnes ikke.'))), ['fail']);
});

test('serverfeil on either side is not compared', () => {
  const serverfeil = { type: BU.serverfeil, payload: example(BU.serverfeil, 'minimal') };
  assert.equal(repeated(serverfeil, granted()), []);
});

test.run();
