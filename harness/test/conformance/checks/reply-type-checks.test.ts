import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { typeAllowedCheck, typeExpectedCheck } from '../../../src/conformance/checks/reply-type-checks.js';
import { AV, BU, example, GRANTED_DEFERRAL, judged, verdicts } from './recorded-exchanges.js';

const test = suite('checks: reply type');

test('an allowed, expected reply type passes both', () => {
  const j = judged(GRANTED_DEFERRAL.request, GRANTED_DEFERRAL.reply);
  assert.equal(verdicts([...typeAllowedCheck(j), ...typeExpectedCheck(j)]), ['pass', 'pass']);
});

test("another protocol's reply type is not allowed", () => {
  const j = judged(GRANTED_DEFERRAL.request, {
    type: AV.resultat,
    payload: example(AV.resultat, 'innvilget-fire-avdrag'),
  });
  const [allowed] = typeAllowedCheck(j);
  assert.is(allowed!.verdict, 'fail');
  assert.match(
    allowed!.message,
    /not an allowed answer to no\.ks\.fiks\.faktura\.betalingsutsettelse\.v1\.opprett/,
  );
});

test('an allowed type the case does not expect fails reply.type-expected', () => {
  const j = judged(GRANTED_DEFERRAL.request, { type: BU.ikkefunnet, name: 'faktura-ukjent' });
  const expecting = { ...j, step: { ...j.step, expect: { replyTypes: [BU.resultat], assertions: [] } } };
  assert.equal(verdicts(typeAllowedCheck(expecting)), ['pass']);
  const [expected] = typeExpectedCheck(expecting);
  assert.is(expected!.verdict, 'fail');
  assert.match(expected!.message, /answered with .*ikkefunnet; the case expects .*opprett\.resultat/);
});

test('a request type no catalogue lists may be answered with its protocol error reply only', () => {
  const j = judged(
    { type: 'no.ks.fiks.faktura.betalingsutsettelse.v1.ukjent', payload: {} },
    { type: BU.ugyldig, name: 'minimal' },
  );
  assert.equal(verdicts(typeAllowedCheck(j)), ['pass']);
  const wrong = judged(
    { type: 'no.ks.fiks.faktura.betalingsutsettelse.v1.ukjent', payload: {} },
    GRANTED_DEFERRAL.reply,
  );
  assert.equal(verdicts(typeAllowedCheck(wrong)), ['fail']);
});

test.run();
