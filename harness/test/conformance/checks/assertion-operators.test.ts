import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluateAssertion } from '../../../src/conformance/checks/assertion-operators.js';
import type { Assertion } from '../../../src/conformance/model/resolved-case.js';

const test = suite('assertion operators');

const payload = {
  utfall: 'INNVILGET',
  nyForfallsdato: '2026-04-07',
  gebyrOere: 0,
  renter: { grunnlag: 'FORSINKELSESRENTE', rentesatsProsent: 12 },
  avdrag: [
    { nummer: 1, beloepOere: 86478, kid: '460120260001010' },
    { nummer: 2, beloepOere: 86400, kid: '460120260001028' },
  ],
  tekst: 'Fristen er utsatt',
};

type Row = [Omit<Assertion, 'spec' | 'basis'>, 'holds' | 'fails' | 'malformed'];

const TABLE: Row[] = [
  [{ path: '$.utfall', op: 'equals', value: 'INNVILGET' }, 'holds'],
  [{ path: '$.utfall', op: 'equals', value: 'AVSLAATT' }, 'fails'],
  [
    { path: '$.renter', op: 'equals', value: { rentesatsProsent: 12, grunnlag: 'FORSINKELSESRENTE' } },
    'holds',
  ],
  [{ path: '$.avdrag[*].nummer', op: 'equals', value: 1 }, 'fails'],
  [{ path: '$.mangler', op: 'equals', value: 1 }, 'fails'],
  [{ path: '$.utfall', op: 'equals' }, 'malformed'],
  [{ path: '$.utfall', op: 'notEquals', value: 'AVSLAATT' }, 'holds'],
  [{ path: '$.utfall', op: 'notEquals', value: 'INNVILGET' }, 'fails'],
  [{ path: '$.mangler', op: 'notEquals', value: 'INNVILGET' }, 'fails'],
  [{ path: '$.utfall', op: 'in', values: ['INNVILGET', 'AVSLAATT'] }, 'holds'],
  [{ path: '$.utfall', op: 'in', values: ['AVSLAATT'] }, 'fails'],
  [{ path: '$.utfall', op: 'in' }, 'malformed'],
  [{ path: '$.renter.grunnlag', op: 'exists' }, 'holds'],
  [{ path: '$.gebyrOere', op: 'exists' }, 'holds'],
  [{ path: '$.aarsak', op: 'exists' }, 'fails'],
  [{ path: '$.aarsak', op: 'absent' }, 'holds'],
  [{ path: '$.avdrag[*].kid', op: 'absent' }, 'fails'],
  [{ path: '$.tekst', op: 'pattern', value: 'utsatt' }, 'holds'],
  [{ path: '$.avdrag[*].kid', op: 'pattern', value: '^4601' }, 'holds'],
  [{ path: '$.tekst', op: 'pattern', value: '^utsatt' }, 'fails'],
  [{ path: '$.gebyrOere', op: 'pattern', value: '0' }, 'fails'],
  [{ path: '$.tekst', op: 'pattern', value: '(' }, 'malformed'],
  [{ path: '$.gebyrOere', op: 'lessThan', value: 1 }, 'holds'],
  [{ path: '$.gebyrOere', op: 'lessThan', value: 0 }, 'fails'],
  [{ path: '$.nyForfallsdato', op: 'lessThan', value: '2026-04-08' }, 'holds'],
  [{ path: '$.nyForfallsdato', op: 'lessThan', value: 5 }, 'fails'],
  [{ path: '$.avdrag[*].beloepOere', op: 'greaterThan', value: 86400 }, 'fails'],
  [{ path: '$.avdrag[*].beloepOere', op: 'greaterThan', value: 86399 }, 'holds'],
  [{ path: '$.nyForfallsdato', op: 'greaterThan', value: '2026-03-22' }, 'holds'],
  [{ path: '$.avdrag[*].beloepOere', op: 'between', values: [86400, 86478] }, 'holds'],
  [{ path: '$.avdrag[*].beloepOere', op: 'between', values: [86401, 86478] }, 'fails'],
  [{ path: '$.nyForfallsdato', op: 'between', values: ['2026-04-07', '2026-04-07'] }, 'holds'],
  [{ path: '$.nyForfallsdato', op: 'between', values: ['2026-04-08', '2026-05-01'] }, 'fails'],
  [{ path: '$.gebyrOere', op: 'between', values: [0] }, 'malformed'],
  [{ path: '$.avdrag', op: 'length', value: 2 }, 'holds'],
  [{ path: '$.avdrag', op: 'length', value: 3 }, 'fails'],
  [{ path: '$.utfall', op: 'length', value: 9 }, 'holds'],
  [{ path: '$.gebyrOere', op: 'length', value: 1 }, 'fails'],
  [{ path: '$.avdrag', op: 'length', value: '2' }, 'malformed'],
];

for (const [row, want] of TABLE) {
  const label = `${row.path} ${row.op} ${JSON.stringify(row.value ?? row.values ?? '')} → ${want}`;
  test(label, () => {
    const outcome = evaluateAssertion({ ...row, spec: 'x/v1/README.md#fields', basis: 'protocol' }, payload);
    const got = 'malformed' in outcome ? 'malformed' : outcome.holds ? 'holds' : 'fails';
    assert.is(got, want, JSON.stringify(outcome));
  });
}

test('a failing assertion says what was expected and what was found, at which path', () => {
  const outcome = evaluateAssertion(
    { path: '$.avdrag[*].beloepOere', op: 'equals', value: 86400, spec: 's', basis: 'protocol' },
    payload,
  );
  assert.equal(outcome, { holds: false, expected: 'equals 86400', found: '86478 at $.avdrag[0].beloepOere' });
  const missing = evaluateAssertion(
    { path: '$.aarsak.kodeverdi', op: 'equals', value: 'X', spec: 's', basis: 'protocol' },
    payload,
  );
  assert.equal(missing, { holds: false, expected: 'equals "X"', found: 'nothing at the path' });
});

const SAME: [string, string | undefined, unknown, 'holds' | 'fails'][] = [
  ['$.utfall', undefined, { utfall: 'INNVILGET' }, 'holds'],
  ['$.utfall', undefined, { utfall: 'AVSLAATT' }, 'fails'],
  [
    '$.avdrag[*].kid',
    '$.plan[*].kid',
    { plan: [{ kid: '460120260001010' }, { kid: '460120260001028' }] },
    'holds',
  ],
  ['$.avdrag[*].kid', '$.plan[*].kid', { plan: [{ kid: '460120260001010' }] }, 'fails'],
  ['$.renter', undefined, { renter: { rentesatsProsent: 12, grunnlag: 'FORSINKELSESRENTE' } }, 'holds'],
  ['$.mangler', undefined, {}, 'fails'],
];

for (const [path, otherPath, other, want] of SAME) {
  test(`sameAsStep ${path} vs ${otherPath ?? path} in ${JSON.stringify(other)} → ${want}`, () => {
    const outcome = evaluateAssertion(
      { path, op: 'sameAsStep', step: 1, ...(otherPath ? { otherPath } : {}), spec: 's', basis: 'protocol' },
      payload,
      { payload: other },
    );
    assert.is('holds' in outcome && outcome.holds ? 'holds' : 'fails', want);
  });
}

test('sameAsStep without a step is malformed', () => {
  assert.ok(
    'malformed' in
      evaluateAssertion({ path: '$.utfall', op: 'sameAsStep', spec: 's', basis: 'protocol' }, payload, {
        payload,
      }),
  );
});

test.run();
