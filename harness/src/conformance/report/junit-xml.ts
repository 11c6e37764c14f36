import type { CaseReport, CheckReport, RunReport } from './run-report.js';
import { xmlAttributes, xmlText } from './xml-text.js';

/** Seconds with millisecond precision, as JUnit's `time` attributes want them. */
function seconds(ms: number): string {
  return (Math.max(0, ms) / 1000).toFixed(3);
}

/** JUnit's timestamp: ISO 8601 to the second, without a zone (UTC, as Ant writes it). */
function junitTimestamp(iso: string): string {
  return iso.slice(0, 19);
}

function checkLine(c: CheckReport): string {
  const where = [c.step === null ? undefined : `step ${c.step}`, `attempt ${c.attempt}`]
    .filter(Boolean)
    .join(', ');
  return `${c.verdict.toUpperCase()} ${c.id} [${where}] (${c.spec}): ${c.message}`;
}

function failingChecks(c: CaseReport): CheckReport[] {
  return c.checks.filter((k) => k.verdict === 'fail');
}

/** How JUnit shows a case: which element, with what message, type and text. */
type JunitOutcome =
  | { kind: 'pass' }
  | { kind: 'failure' | 'error' | 'skipped'; message: string; type?: string; text?: string };

function outcomeOf(c: CaseReport): JunitOutcome {
  const failing = failingChecks(c);
  const details = failing.map(checkLine).join('\n');
  const expected = c.expectedFailure;
  if (expected?.outcome === 'now-passing' && c.verdict !== 'fail') {
    return {
      kind: 'failure',
      type: 'expected-failure-now-passing',
      message: `listed as an expected failure (${expected.reason}) but it passes: remove its entry from the expected-failures file`,
    };
  }
  if (c.countsAsFailure) {
    const first = failing[0];
    const message =
      c.unstable || first === undefined
        ? (c.reason ?? 'failed')
        : `${first.id}: ${first.message}${failing.length > 1 ? ` (and ${failing.length - 1} more failing checks)` : ''}`;
    return {
      kind: 'failure',
      type: c.unstable ? 'unstable' : (first?.id ?? 'failure'),
      message,
      text: details,
    };
  }
  if (c.verdict === 'error') {
    const errored = c.checks.find((k) => k.verdict === 'error');
    return {
      kind: 'error',
      type: errored?.id ?? 'harness-error',
      message:
        c.reason ??
        (errored === undefined ? 'the harness or the platform failed' : `${errored.id}: ${errored.message}`),
      text: c.checks
        .filter((k) => k.verdict === 'error' || k.verdict === 'fail')
        .map(checkLine)
        .join('\n'),
    };
  }
  if (c.verdict === 'skip') return { kind: 'skipped', message: c.reason ?? 'skipped' };
  if (expected?.outcome === 'still-failing') {
    return { kind: 'skipped', message: `expected failure, still failing: ${expected.reason}`, text: details };
  }
  return { kind: 'pass' };
}

function testcase(c: CaseReport): string {
  const open = `    <testcase${xmlAttributes({ classname: c.protocol, name: `${c.id} ${c.title}`, time: seconds(c.durationMs) })}`;
  const outcome = outcomeOf(c);
  const warnings = c.checks.filter((k) => k.verdict === 'warn').map(checkLine);
  const parts: string[] = [];
  if (outcome.kind !== 'pass') {
    const attrs = xmlAttributes({ message: outcome.message, type: outcome.type });
    parts.push(
      outcome.text === undefined || outcome.text === ''
        ? `      <${outcome.kind}${attrs}/>`
        : `      <${outcome.kind}${attrs}>${xmlText(outcome.text)}</${outcome.kind}>`,
    );
  }
  if (warnings.length > 0) parts.push(`      <system-out>${xmlText(warnings.join('\n'))}</system-out>`);
  return parts.length === 0 ? `${open}/>` : `${open}>\n${parts.join('\n')}\n    </testcase>`;
}

interface Counts {
  tests: number;
  failures: number;
  errors: number;
  skipped: number;
  time: string;
}

function countsOf(cases: readonly CaseReport[]): Counts {
  const kinds = cases.map((c) => outcomeOf(c).kind);
  return {
    tests: cases.length,
    failures: kinds.filter((k) => k === 'failure').length,
    errors: kinds.filter((k) => k === 'error').length,
    skipped: kinds.filter((k) => k === 'skipped').length,
    time: seconds(cases.reduce((sum, c) => sum + c.durationMs, 0)),
  };
}

/**
 * The run as JUnit XML, which CI systems read as they are: one `<testsuite>` per protocol, one
 * `<testcase>` per case (`classname` the protocol, `name` the case id and title, `time` in
 * seconds). A case that fails the run is a `<failure>` listing its failing checks (an unstable
 * case, and an expected failure now passing, too); an error is an `<error>`; a skipped case, and
 * an expected failure still failing, is `<skipped>`. Every text is escaped and personal numbers
 * are masked.
 */
export function writeJunitXml(report: RunReport): string {
  const protocols = [...new Set(report.cases.map((c) => c.protocol))].sort();
  const suites = protocols.map((protocol) => {
    const cases = report.cases.filter((c) => c.protocol === protocol);
    const header = `  <testsuite${xmlAttributes({ name: protocol, ...countsOf(cases), timestamp: junitTimestamp(report.startedAt) })}>`;
    const properties = [
      '    <properties>',
      ...Object.entries({
        harness: `${report.harness.name} ${report.harness.version}`,
        suiteHash: report.suiteHash,
        target: report.target,
        vendor: report.vendor.kontoId,
        today: report.today,
      }).map(([name, value]) => `      <property${xmlAttributes({ name, value })}/>`),
      '    </properties>',
    ];
    return [header, ...properties, ...cases.map(testcase), '  </testsuite>'].join('\n');
  });
  const all = countsOf(report.cases);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites${xmlAttributes({ name: report.harness.name, ...all })}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
