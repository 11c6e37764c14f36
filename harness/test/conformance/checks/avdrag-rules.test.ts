import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { avdragSplitCheck, avdragSumCheck } from '../../../src/conformance/checks/avdrag-amount-rules.js';
import {
  avdragFakturanummerCheck,
  avdragKidCheck,
} from '../../../src/conformance/checks/avdrag-identifier-rules.js';
import {
  avdragCountCheck,
  avdragForfallsdatoCheck,
  avdragNummerCheck,
} from '../../../src/conformance/checks/avdrag-schedule-rules.js';
import type { StepUnderJudgement } from '../../../src/conformance/checks/check-definition.js';
import { AV, judged, verdicts } from './recorded-exchanges.js';

const test = suite('checks: avdrag rule 5 (granted plan)');
const ALL = [
  avdragCountCheck,
  avdragNummerCheck,
  avdragForfallsdatoCheck,
  avdragSumCheck,
  avdragSplitCheck,
  avdragFakturanummerCheck,
  avdragKidCheck,
];
const PAIRS = [
  ['person-fire-avdrag-alle-felter', 'innvilget-fire-avdrag'],
  ['d-nummer-to-avdrag', 'innvilget-to-avdrag'],
  ['sameier-tre-avdrag', 'innvilget-tre-avdrag-sameie'],
] as const;

type Payload = Record<string, unknown>;
type Instalment = Record<string, unknown>;
const plan = (p: Payload) => p['nedbetalingsplan'] as Payload;
const instalments = (p: Payload) => plan(p)['avdrag'] as Instalment[];

function fourInstalments(change: (p: Payload) => void): StepUnderJudgement {
  return judged(
    { type: AV.opprett, name: 'person-fire-avdrag-alle-felter' },
    { type: AV.resultat, name: 'innvilget-fire-avdrag' },
    { payload: change },
  );
}

function only(
  check: (j: StepUnderJudgement) => { verdict: string; message: string; spec: string }[],
  j: StepUnderJudgement,
) {
  const results = check(j);
  assert.is(results.length, 1);
  return results[0]!;
}

for (const [request, reply] of PAIRS) {
  test(`the example plan ${reply} passes every rule-5 check`, () => {
    const j = judged({ type: AV.opprett, name: request }, { type: AV.resultat, name: reply });
    assert.equal(
      verdicts(ALL.flatMap((check) => check(j))),
      ALL.map(() => 'pass'),
    );
  });
}

test('a denial is not checked against the plan rules', () => {
  const j = judged(
    { type: AV.opprett, name: 'person-avdrag-for-smaa' },
    { type: AV.resultat, name: 'avslaatt-avdrag-for-lite' },
  );
  assert.equal(
    ALL.flatMap((check) => check(j)),
    [],
  );
});

test('count: fewer instalments than antallAvdrag fails', () => {
  const result = only(
    avdragCountCheck,
    fourInstalments((p) => {
      instalments(p).pop();
    }),
  );
  assert.is(result.verdict, 'fail');
  assert.match(result.message, /3 instalments; the request asked for 4/);
  assert.is(result.spec, 'no.ks.fiks.faktura.avdrag/v1/README.md#rule-5');
});

test('nummer: a gap or wrong order fails', () => {
  const result = only(
    avdragNummerCheck,
    fourInstalments((p) => {
      instalments(p)[2]!['nummer'] = 4;
    }),
  );
  assert.is(result.verdict, 'fail');
  assert.match(result.message, /avdrag\[2\]\.nummer is 4, expected 3/);
});

test('forfallsdato: not ascending, not a banking day, or not monthly fails', () => {
  const swapped = only(
    avdragForfallsdatoCheck,
    fourInstalments((p) => {
      const list = instalments(p);
      [list[1]!['forfallsdato'], list[2]!['forfallsdato']] = [
        list[2]!['forfallsdato'],
        list[1]!['forfallsdato'],
      ];
    }),
  );
  assert.match(swapped.message, /avdrag\[2\] falls due 2026-04-22, not after 2026-05-22/);
  const sunday = only(
    avdragForfallsdatoCheck,
    fourInstalments((p) => {
      instalments(p)[0]!['forfallsdato'] = '2026-03-22';
    }),
  );
  assert.match(sunday.message, /2026-03-22, not a banking day/);
  const twice = only(
    avdragForfallsdatoCheck,
    fourInstalments((p) => {
      instalments(p)[2]!['forfallsdato'] = '2026-04-22';
    }),
  );
  assert.match(twice.message, /avdrag\[2\] falls due 2026-04-22, not after 2026-04-22/);
  const drift = only(
    avdragForfallsdatoCheck,
    fourInstalments((p) => {
      instalments(p)[3]!['forfallsdato'] = '2026-06-23';
    }),
  );
  assert.is(drift.verdict, 'fail');
  assert.match(drift.message, /not monthly on the same day of the month as the first/);
  assert.match(drift.message, /2026-03-23, 2026-04-22, 2026-05-22, 2026-06-22/);
});

test('sum: instalments that do not add up to totalbeloepOere fail', () => {
  const result = only(
    avdragSumCheck,
    fourInstalments((p) => {
      instalments(p)[3]!['beloepOere'] = 86_401;
    }),
  );
  assert.is(result.verdict, 'fail');
  assert.match(result.message, /sum to 345679 øre; totalbeloepOere is 345678/);
  const fraction = only(
    avdragSumCheck,
    fourInstalments((p) => {
      instalments(p)[3]!['beloepOere'] = 86_400.5;
    }),
  );
  assert.match(fraction.message, /not whole øre/);
});

test('split: the right sum with the remainder on the last instalment fails', () => {
  const result = only(
    avdragSplitCheck,
    fourInstalments((p) => {
      const list = instalments(p);
      list[0]!['beloepOere'] = 86_400;
      list[3]!['beloepOere'] = 86_478;
    }),
  );
  assert.is(result.verdict, 'fail');
  assert.match(result.message, /must be 86478, 86400, 86400, 86400/);
  assert.equal(
    verdicts(
      avdragSumCheck(
        fourInstalments((p) => {
          instalments(p).reverse();
        }),
      ),
    ),
    ['pass'],
  );
});

test("fakturanummer: the original invoice's number or a repeated one fails", () => {
  const original = only(
    avdragFakturanummerCheck,
    fourInstalments((p) => {
      instalments(p)[0]!['fakturanummer'] = '2026-0001';
    }),
  );
  assert.match(original.message, /avdrag\[0\]\.fakturanummer 2026-0001 is the original invoice's/);
  const repeated = only(
    avdragFakturanummerCheck,
    fourInstalments((p) => {
      instalments(p)[1]!['fakturanummer'] = '2026-0001-01';
    }),
  );
  assert.match(repeated.message, /avdrag\[1\]\.fakturanummer repeats avdrag\[0\]'s "2026-0001-01"/);
});

test('kid: the original KID, a repeated KID or a wrong check digit fails', () => {
  const original = only(
    avdragKidCheck,
    fourInstalments((p) => {
      instalments(p)[0]!['kid'] = '4601202600012';
    }),
  );
  assert.match(original.message, /is the original invoice's/);
  const repeated = only(
    avdragKidCheck,
    fourInstalments((p) => {
      instalments(p)[1]!['kid'] = '460120260001010';
    }),
  );
  assert.match(repeated.message, /repeats avdrag\[0\]'s/);
  const invalid = only(
    avdragKidCheck,
    fourInstalments((p) => {
      instalments(p)[2]!['kid'] = '460120260001037';
    }),
  );
  assert.match(invalid.message, /460120260001037 is not MOD10-valid/);
});

test.run();
