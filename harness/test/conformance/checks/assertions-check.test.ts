import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { assertionsCheck } from '../../../src/conformance/checks/assertions-check.js';
import type { Assertion } from '../../../src/conformance/model/resolved-case.js';
import {
  BU,
  caseOf,
  example,
  exchangeOf,
  GRANTED_DEFERRAL,
  judgeContext,
  judged,
  replyOf,
  stepOf,
  verdicts,
} from './recorded-exchanges.js';

const test = suite('check: assertions');
const RULE_5 = 'no.ks.fiks.faktura.betalingsutsettelse/v1/README.md#rule-5';

function withAssertions(assertions: Assertion[]) {
  const j = judged(GRANTED_DEFERRAL.request, GRANTED_DEFERRAL.reply);
  return { ...j, step: { ...j.step, expect: { ...j.step.expect, assertions } } };
}

test('a holding assertion passes with its own clause', () => {
  const [result] = assertionsCheck(
    withAssertions([
      { path: '$.nyForfallsdato', op: 'equals', value: '2026-04-07', spec: RULE_5, basis: 'fixture' },
    ]),
  );
  assert.is(result!.verdict, 'pass');
  assert.is(result!.id, 'assertions');
  assert.is(result!.spec, RULE_5);
});

test('each failing assertion is one fail quoting path, expected, found, and its basis', () => {
  const results = assertionsCheck(
    withAssertions([
      { path: '$.utfall', op: 'equals', value: 'AVSLAATT', spec: RULE_5, basis: 'protocol' },
      {
        path: '$.gebyrOere',
        op: 'lessThan',
        value: 0,
        spec: 'conformance/default-profile.json#gebyr',
        basis: 'profile',
        description: 'the profile charges no fee for a deferral',
      },
    ]),
  );
  assert.equal(verdicts(results), ['fail', 'fail']);
  assert.is(
    results[0]!.message,
    'Step 1: $.utfall: expected equals "AVSLAATT", found "INNVILGET" at $.utfall [protocol: the protocol requires it].',
  );
  assert.match(
    results[1]!.message,
    /\$\.gebyrOere: expected less than 0, found 0 at \$\.gebyrOere \[profile: the profile charges no fee for a deferral\]/,
  );
  assert.is(results[1]!.spec, 'conformance/default-profile.json#gebyr');
});

test('a malformed path or pattern is an error of the suite, not a failure of the vendor', () => {
  const results = assertionsCheck(
    withAssertions([
      { path: 'utfall', op: 'exists', spec: RULE_5, basis: 'protocol' },
      { path: '$.utfall', op: 'pattern', value: '[', spec: RULE_5, basis: 'protocol' },
    ]),
  );
  assert.equal(verdicts(results), ['error', 'error']);
  assert.match(results[0]!.message, /JSON_PATH_INVALID/);
});

test('no answer: each assertion is skipped with the reason', () => {
  const j = withAssertions([{ path: '$.utfall', op: 'exists', spec: RULE_5, basis: 'protocol' }]);
  const results = assertionsCheck({ ...j, exchange: { ...j.exchange, replies: [] } });
  assert.equal(verdicts(results), ['skip']);
  assert.match(results[0]!.message, /no readable answer payload/);
});

test("sameAsStep compares with another step's first reply of the same attempt", () => {
  const request = { type: BU.opprett, payload: example(BU.opprett, 'person-alle-felter') };
  const answer = example(BU.resultat, 'innvilget-flyttet-til-virkedag');
  const same: Assertion = {
    path: '$',
    op: 'sameAsStep',
    step: 1,
    spec: 'no.ks.fiks.faktura.betalingsutsettelse/v1/README.md#rule-2',
    basis: 'protocol',
  };
  const steps = [
    stepOf(BU.opprett, [BU.resultat]),
    stepOf(BU.opprett, [BU.resultat], [same], { kind: 'resend', resendOf: 1 }),
  ];
  const testCase = caseOf('no.ks.fiks.faktura.betalingsutsettelse', steps);
  const run = (second: unknown, first = true) => {
    const exchanges = [
      exchangeOf(request, first ? [replyOf(BU.resultat, answer)] : []),
      exchangeOf(request, [replyOf(BU.resultat, second)], { step: 2 }),
    ];
    return assertionsCheck({
      testCase,
      step: steps[1]!,
      exchange: exchanges[1]!,
      exchanges,
      context: judgeContext(),
    });
  };
  assert.equal(verdicts(run(structuredClone(answer))), ['pass']);
  assert.equal(verdicts(run({ ...answer, nyForfallsdato: '2026-04-08' })), ['fail']);
  assert.equal(verdicts(run(answer, false)), ['skip']);
});

test.run();
