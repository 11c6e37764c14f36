import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ConfigProblem } from '../../src/config/config-problems.js';
import { loadErpConfig, resolveErpConfig } from '../../src/config/load-erp-config.js';

function problemsOf(fn: () => unknown): { message: string; problems: ConfigProblem[] } {
  try {
    fn();
  } catch (error) {
    const { code, message, details } = error as {
      code: string;
      message: string;
      details: { problems: ConfigProblem[] };
    };
    assert.is(code, 'CONFIG_INVALID');
    return { message, problems: details.problems };
  }
  throw new Error('the configuration was accepted');
}

test('a misspelt section is refused, with the section it probably means', () => {
  const { message, problems } = problemsOf(() => resolveErpConfig({ defferal: { maxPerPayer: 5 } }));
  assert.equal(
    problems.map((p) => [p.path, p.didYouMean]),
    [['defferal', 'deferral']],
  );
  assert.match(message, /defferal: unknown setting \(did you mean deferral\?\)/);
});

test('an unknown setting inside a section is refused; the free maps take any key', () => {
  const { problems } = problemsOf(() => resolveErpConfig({ instalments: { maxInstalment: 4 } }));
  assert.equal(
    problems.map((p) => [p.path, p.didYouMean]),
    [['instalments.maxInstalment', 'maxInstalments']],
  );
  const config = resolveErpConfig({
    comments: { routing: { VANN: 'teknisk' }, responseBankingDays: { default: 5, perUnit: { teknisk: 3 } } },
  });
  assert.is(config.comments.routing['VANN'], 'teknisk');
});

test('several problems are reported at once, each with what was expected and what was found', () => {
  const { message, problems } = problemsOf(() =>
    resolveErpConfig({
      deferral: { maxPerPayer: -1 },
      reminderMinDaysAfterDueDate: 'soon',
      jobs: { intervalSeconds: 0 },
      lateInterestBeyondTable: 'ignore',
    }),
  );
  assert.equal(
    problems.map((p) => [p.path, p.found]),
    [
      ['deferral.maxPerPayer', '-1'],
      ['reminderMinDaysAfterDueDate', '"soon"'],
      ['lateInterestBeyondTable', '"ignore"'],
      ['jobs.intervalSeconds', '0'],
    ],
  );
  assert.match(message, /^4 problem\(s\)/);
  assert.match(message, /reminderMinDaysAfterDueDate: must be a whole number ≥ 0, found "soon"/);
});

test('a fødselsnummer found where a setting was expected is masked in the problem and the message', () => {
  const { message, problems } = problemsOf(() =>
    resolveErpConfig({ reminderMinDaysAfterDueDate: '01017012345' }),
  );
  assert.equal(
    problems.map((p) => [p.path, p.found]),
    [['reminderMinDaysAfterDueDate', '"***********"']],
  );
  assert.not.match(message, /01017012345/);
});

test('a section that is not an object is one problem, not a crash', () => {
  const { problems } = problemsOf(() => resolveErpConfig({ comments: null, jobs: 5 } as never));
  assert.equal(
    problems.map((p) => p.path),
    ['comments', 'jobs'],
  );
});

test('a file names itself in the one-line message', () => {
  const dir = mkdtempSync(join(tmpdir(), 'erp-config-problems-'));
  try {
    const path = join(dir, 'erp.json');
    writeFileSync(path, JSON.stringify({ defferal: {}, deferral: { feeOere: -5 } }));
    const { message, problems } = problemsOf(() => loadErpConfig(path));
    assert.ok(message.startsWith(`Configuration file '${path}': 2 problem(s)`), message);
    assert.not.ok(message.includes('\n'));
    assert.is(problems.length, 2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
