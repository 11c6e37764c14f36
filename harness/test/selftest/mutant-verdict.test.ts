// How a mutant's results become its verdict and the table: only a failed check kills a mutant
// meant to fail; errors and warnings alone never do; a mutant meant as a warning must warn and
// must not fail. Case globs select by id.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CaseResult } from '../../src/conformance/model/case-result.js';
import type { CheckResult } from '../../src/conformance/model/check-result.js';
import type { ResolvedCase } from '../../src/conformance/model/resolved-case.js';
import { selectCasesByGlob } from '../../src/selftest/case-selection.js';
import type { Mutant } from '../../src/selftest/mutant.js';
import { mutantVerdict } from '../../src/selftest/mutant-verdict.js';
import { formatSelfTest } from '../../src/selftest/self-test-table.js';

function check(id: string, verdict: CheckResult['verdict']): CheckResult {
  return { id, verdict, severity: verdict === 'warn' ? 'warning' : 'failure', spec: 's', message: 'm' };
}

function result(
  id: string,
  verdict: CaseResult['verdict'],
  checks: CheckResult[],
  reason?: string,
): CaseResult {
  return {
    id,
    protocol: 'p',
    version: 'v1',
    title: id,
    situation: 'N',
    generated: false,
    spec: [],
    verdict,
    checks,
    exchanges: [],
    durationMs: 1,
    ...(reason === undefined ? {} : { reason }),
  };
}

const failing: Mutant = { name: 'm', description: 'a mutant', create: () => ({}) };
const warning: Mutant = { ...failing, expect: 'warning' };

test('a failed check kills a mutant, and the table names the case and the check', () => {
  const verdict = mutantVerdict(
    failing,
    [
      result('a.N01', 'pass', [check('deadline', 'pass')]),
      result('a.N02', 'fail', [check('rules.x', 'fail')]),
    ],
    10,
  );
  assert.is(verdict.outcome, 'killed');
  assert.equal(verdict.failures, [{ caseId: 'a.N02', checks: ['rules.x'] }]);
  const table = formatSelfTest({
    baseline: [],
    baselinePassed: true,
    mutants: [verdict],
    score: { killed: 1, total: 1 },
  });
  assert.match(table, /m\s+KILLED\s+1\/2\s+.*a\.N02 \(rules\.x\)/);
  assert.match(table, /mutation score: 1\/1 mutants caught \(100 %\)/);
});

test('errors and warnings alone do not kill a mutant meant to fail', () => {
  const onlyErrors = mutantVerdict(failing, [result('a.N01', 'error', [], 'emulator down')], 1);
  assert.is(onlyErrors.outcome, 'survived');
  assert.match(onlyErrors.reason ?? '', /only errors/);
  const onlyWarnings = mutantVerdict(
    failing,
    [result('a.N01', 'pass', [check('payload.strict-overlay', 'warn')])],
    1,
  );
  assert.is(onlyWarnings.outcome, 'survived');
  assert.match(onlyWarnings.reason ?? '', /only warnings/);
  const table = formatSelfTest({
    baseline: [result('a.N01', 'fail', [check('deadline', 'fail')])],
    baselinePassed: false,
    mutants: [onlyErrors],
    score: { killed: 0, total: 1 },
  });
  assert.match(table, /SURVIVED/);
  assert.match(table, /NOT PASSING:\n {2}a\.N01: fail \(deadline\)/);
});

test('a mutant whose case selection matches nothing survives, saying so', () => {
  const verdict = mutantVerdict(failing, [], 1);
  assert.is(verdict.outcome, 'survived');
  assert.match(verdict.reason ?? '', /matches no case/);
});

test('a mutant meant as a warning must warn and must not fail', () => {
  const warned = mutantVerdict(
    warning,
    [result('a.N01', 'pass', [check('payload.strict-overlay', 'warn')])],
    1,
  );
  assert.is(warned.outcome, 'killed');
  const failed = mutantVerdict(
    warning,
    [result('a.N01', 'fail', [check('payload.strict-overlay', 'warn'), check('rules.x', 'fail')])],
    1,
  );
  assert.is(failed.outcome, 'survived');
  assert.is(mutantVerdict(warning, [result('a.N01', 'pass', [])], 1).outcome, 'survived');
});

test('case globs: * for any run, [..] for one of a set, dots literal', () => {
  const cases = ['avdrag.opprett.N01', 'avdrag.opprett.N04', 'avdrag.opprett.F07', 'avdragXopprett.N01'].map(
    (id) => ({ id }) as ResolvedCase,
  );
  const ids = (globs?: string[]) => selectCasesByGlob(cases, globs).map((c) => c.id);
  assert.equal(ids(['avdrag.opprett.N0[1-3]']), ['avdrag.opprett.N01']);
  assert.equal(ids(['*.F*']), ['avdrag.opprett.F07']);
  assert.equal(
    ids(),
    cases.map((c) => c.id),
  );
});

test.run();
