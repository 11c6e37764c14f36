import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  senderCheck,
  singleAnswerCheck,
  svarPaMeldingCheck,
} from '../../../src/conformance/checks/correlation-checks.js';
import { GRANTED_DEFERRAL, judged, verdicts } from './recorded-exchanges.js';

const test = suite('checks: correlation');
const base = () => judged(GRANTED_DEFERRAL.request, GRANTED_DEFERRAL.reply);

test('a correct exchange passes all three', () => {
  const j = base();
  assert.equal(verdicts([...svarPaMeldingCheck(j), ...senderCheck(j), ...singleAnswerCheck(j)]), [
    'pass',
    'pass',
    'pass',
  ]);
});

test('svarPaMelding naming another message fails, quoting both ids', () => {
  const j = base();
  const reply = { ...j.exchange.replies[0]!, svarPaMelding: 'cccccccc-0000-4000-8000-000000000009' };
  const [result] = svarPaMeldingCheck({ ...j, exchange: { ...j.exchange, replies: [reply] } });
  assert.is(result!.verdict, 'fail');
  assert.match(result!.message, /cccccccc-0000-4000-8000-000000000009/);
  assert.match(result!.message, new RegExp(j.exchange.request.meldingId));
});

test("an answer from another account than the vendor's fails", () => {
  const j = base();
  const reply = { ...j.exchange.replies[0]!, avsenderKontoId: '33333333-3333-4333-8333-333333333333' };
  const [result] = senderCheck({ ...j, exchange: { ...j.exchange, replies: [reply] } });
  assert.is(result!.verdict, 'fail');
  assert.match(result!.message, /came from 33333333/);
});

test('a second reply for the same request fails', () => {
  const j = base();
  const second = {
    ...j.exchange.replies[0]!,
    meldingId: 'aaaaaaaa-0000-4000-8000-000000000002',
    receivedAt: 1_000_900,
  };
  const [result] = singleAnswerCheck({
    ...j,
    exchange: { ...j.exchange, replies: [j.exchange.replies[0]!, second] },
  });
  assert.is(result!.verdict, 'fail');
  assert.match(result!.message, /2 replies arrived for one request/);
  assert.match(result!.message, /\+900 ms/);
});

test('no reply: the correlation checks do not apply', () => {
  const j = base();
  const none = { ...j, exchange: { ...j.exchange, replies: [] } };
  assert.equal([...svarPaMeldingCheck(none), ...senderCheck(none), ...singleAnswerCheck(none)], []);
});

test.run();
