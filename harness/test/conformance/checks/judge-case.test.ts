import type { ProtocolCatalog } from '@fiks-faktura/sdk';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { caseVerdictOf, checkCatalogue, judgeCase } from '../../../src/conformance/checks/index.js';
import type { CheckResult } from '../../../src/conformance/model/check-result.js';
import {
  AV,
  BU,
  caseOf,
  example,
  exchangeOf,
  judgeContext,
  KO,
  replyOf,
  stepOf,
} from './recorded-exchanges.js';

const test = suite('judgeCase, caseVerdictOf, checkCatalogue');

const PAIRS = [
  [BU.opprett, 'person-alle-felter', BU.resultat, 'innvilget-flyttet-til-virkedag'],
  [BU.opprett, 'person-avtalegiro-minimal', BU.resultat, 'innvilget-avtalegiro'],
  [BU.opprett, 'd-nummer-dato-for-sen', BU.resultat, 'avslaatt-dato-for-sen'],
  [BU.opprett, 'person-alle-felter', BU.ikkefunnet, 'faktura-ukjent'],
  [AV.opprett, 'person-fire-avdrag-alle-felter', AV.resultat, 'innvilget-fire-avdrag'],
  [AV.opprett, 'sameier-tre-avdrag', AV.resultat, 'innvilget-tre-avdrag-sameie'],
  [KO.send, 'd-nummer-klage-med-vedlegg', KO.kvittering, 'klage-journalfoert'],
] as const;

function oneStep(requestType: string, requestName: string, replyType: string, replyName: string) {
  const protocol = requestType.split('.').slice(0, 5).join('.');
  const testCase = caseOf(protocol, [stepOf(requestType, [replyType])]);
  const exchanges = [
    exchangeOf({ type: requestType, payload: example(requestType, requestName) }, [
      replyOf(replyType, example(replyType, replyName)),
    ]),
  ];
  return { testCase, exchanges };
}

for (const [requestType, requestName, replyType, replyName] of PAIRS) {
  test(`the example exchange ${replyName} passes: no failure, no warning, every result ids a catalogued check`, () => {
    const { testCase, exchanges } = oneStep(requestType, requestName, replyType, replyName);
    const results = judgeCase(testCase, exchanges, judgeContext());
    const bad = results.filter((r) => r.verdict !== 'pass');
    assert.equal(bad, []);
    const ids = new Set(checkCatalogue().map((c) => c.id));
    for (const r of results) {
      assert.ok(ids.has(r.id), r.id);
      assert.is(r.step, 1);
      assert.match(r.message, /^Step 1: /);
      assert.not.match(r.spec, /<protocol>/);
    }
    assert.equal(caseVerdictOf(results, exchanges), { verdict: 'pass' });
  });
}

test('a late, wrongly typed answer fails the case with the first failing check', () => {
  const { testCase, exchanges } = oneStep(
    BU.opprett,
    'person-alle-felter',
    BU.resultat,
    'innvilget-flyttet-til-virkedag',
  );
  exchanges[0]!.timeline.answerReceivedAt = 1_020_000;
  const results = judgeCase(testCase, exchanges, judgeContext());
  const verdict = caseVerdictOf(results, exchanges);
  assert.is(verdict.verdict, 'fail');
  assert.match(verdict.reason!, /^deadline: Step 1: answered in 20000 ms/);
});

test('a harness error makes the case an error with its message and judges nothing on that step', () => {
  const { testCase, exchanges } = oneStep(
    BU.opprett,
    'person-alle-felter',
    BU.resultat,
    'innvilget-flyttet-til-virkedag',
  );
  exchanges[0]!.harnessError = { code: 'SEND_REFUSED', message: 'Fiks IO refused the request (HTTP 503).' };
  exchanges[0]!.replies = [];
  const results = judgeCase(testCase, exchanges, judgeContext());
  assert.equal(results, []);
  assert.equal(caseVerdictOf(results, exchanges), {
    verdict: 'error',
    reason: 'Step 1: SEND_REFUSED: Fiks IO refused the request (HTTP 503).',
  });
});

test("a check that throws gives an error result (the harness's fault), and the other checks still run", () => {
  const { testCase, exchanges } = oneStep(
    BU.opprett,
    'person-alle-felter',
    BU.resultat,
    'innvilget-flyttet-til-virkedag',
  );
  const broken = {
    entry: () => {
      throw new Error('catalogue unavailable');
    },
    errorReplyType: () => undefined,
  } as unknown as ProtocolCatalog;
  const results = judgeCase(testCase, exchanges, judgeContext({ catalog: broken }));
  const errors = results.filter((x) => x.verdict === 'error');
  assert.ok(errors.some((x) => x.id === 'reply.type-allowed' && /catalogue unavailable/.test(x.message)));
  assert.ok(results.some((x) => x.id === 'deadline' && x.verdict === 'pass'));
  assert.is(caseVerdictOf(results, exchanges).verdict, 'error');
});

const r = (verdict: CheckResult['verdict'], id = 'x'): CheckResult => ({
  id,
  verdict,
  severity: verdict === 'warn' ? 'warning' : 'failure',
  spec: 's',
  message: `${id} ${verdict}`,
});

const VERDICTS: [CheckResult[], string][] = [
  [[r('pass'), r('pass')], 'pass'],
  [[r('pass'), r('warn')], 'pass'],
  [[r('pass'), r('skip')], 'pass'],
  [[r('warn'), r('skip')], 'pass'],
  [[r('pass'), r('fail', 'a'), r('fail', 'b')], 'fail'],
  [[r('fail'), r('error')], 'error'],
  [[r('skip')], 'skip'],
  [[], 'skip'],
];

for (const [results, want] of VERDICTS) {
  test(`verdict of [${results.map((x) => x.verdict).join(', ')}] is ${want}`, () => {
    assert.is(caseVerdictOf(results, []).verdict, want);
  });
}

test('the fail reason names the first failing check', () => {
  assert.equal(caseVerdictOf([r('pass'), r('fail', 'a'), r('fail', 'b')], []), {
    verdict: 'fail',
    reason: 'a: a fail',
  });
});

test('the catalogue: unique ids, a severity, a clause of the form <path>#<anchor>, a title', () => {
  const catalogue = checkCatalogue();
  assert.is(new Set(catalogue.map((c) => c.id)).size, catalogue.length);
  for (const id of [
    'deadline',
    'correlation.svar-pa-melding',
    'correlation.sender',
    'correlation.single-answer',
    'reply.type-allowed',
    'reply.type-expected',
    'crypto.decrypts',
    'asice.valid',
    'asice.signer',
    'payload.file-name',
    'payload.schema',
    'payload.strict-overlay',
    'rules.echo-foresporsel-id',
    'rules.kodebeskrivelse',
    'rules.kid-mod10',
    'assertions',
  ])
    assert.ok(
      catalogue.some((c) => c.id === id),
      id,
    );
  for (const c of catalogue) {
    assert.match(c.spec, /^[^#\s]+\.md#(rule-\d+|[a-z0-9-]+)$/, c.id);
    assert.ok(c.title.length > 0);
  }
  assert.is(catalogue.find((c) => c.id === 'payload.strict-overlay')!.severity, 'warning');
});

test.run();
