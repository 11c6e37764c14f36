// A few mutants of the catalogue, each on a handful of cases, caught by the check meant to catch
// it; the mutant meant as a warning only warns. The whole catalogue runs in `npm run selftest`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { Mutant } from '../../src/selftest/mutant.js';
import type { MutantVerdict } from '../../src/selftest/mutant-verdict.js';
import { MUTANTS } from '../../src/selftest/mutants/index.js';
import { runMutant } from '../../src/selftest/run-self-test.js';
import { casesMatching, runOptions } from './support.js';

function mutant(name: string): Mutant {
  const found = MUTANTS.find((m) => m.name === name);
  if (found === undefined) throw new Error(`no mutant ${name}`);
  return found;
}

/** Runs the named mutant against `cases` only (a narrower selection than its own). */
function run(name: string, cases: string[]): Promise<MutantVerdict> {
  return runMutant({ ...mutant(name), cases }, { ...runOptions, cases: casesMatching(cases) });
}

function caughtBy(verdict: MutantVerdict, kind: 'failures' | 'warnings' = 'failures'): string[] {
  return [...new Set(verdict[kind].flatMap((c) => c.checks))].sort();
}

test('every mutant has a unique kebab-case name and a description', () => {
  const names = MUTANTS.map((m) => m.name);
  assert.is(new Set(names).size, names.length);
  for (const m of MUTANTS) {
    assert.match(m.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(m.description.length > 10, m.name);
  }
});

test('answers-twice is caught by correlation.single-answer', async () => {
  const verdict = await run('answers-twice', ['betalingsutsettelse.opprett.N10']);
  assert.is(verdict.outcome, 'killed');
  assert.ok(caughtBy(verdict).includes('correlation.single-answer'), caughtBy(verdict).join());
});

test('signed-by-another-certificate is caught by asice.signer, unsigned-reply by asice.valid', async () => {
  const [signed, unsigned] = await Promise.all([
    run('signed-by-another-certificate', ['kommentar.send.N01']),
    run('unsigned-reply', ['kommentar.send.N01']),
  ]);
  assert.equal(caughtBy(signed), ['asice.signer']);
  assert.ok(caughtBy(unsigned).includes('asice.valid'), caughtBy(unsigned).join());
});

test('instalment-sum-off-by-one-oere is caught by rules.avdrag.sum', async () => {
  const verdict = await run('instalment-sum-off-by-one-oere', ['avdrag.opprett.N01']);
  assert.ok(caughtBy(verdict).includes('rules.avdrag.sum'), caughtBy(verdict).join());
});

test('wrong-kodebeskrivelse is caught by rules.kodebeskrivelse', async () => {
  const verdict = await run('wrong-kodebeskrivelse', ['betalingsutsettelse.opprett.N10']);
  assert.equal(caughtBy(verdict), ['rules.kodebeskrivelse']);
});

test('unknown-extra-field warns (payload.strict-overlay) and fails nothing', async () => {
  const verdict = await run('unknown-extra-field', ['avdrag.opprett.F02', 'kommentar.send.N01']);
  assert.is(verdict.outcome, 'killed');
  assert.equal(verdict.failures, []);
  assert.equal(caughtBy(verdict, 'warnings'), ['payload.strict-overlay']);
});

test.run();
