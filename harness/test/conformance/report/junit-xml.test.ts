import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { CaseResult } from '../../../src/conformance/model/case-result.js';
import { buildRunReport, FOEDSELSNUMMER_MASK, writeJunitXml } from '../../../src/conformance/report/index.js';
import { caseResult, check, erroredResult, FNR, failingResult, runMeta } from './sample-results.js';
import { parseXml, type XmlElement } from './xml-well-formed.js';

function junit(cases: CaseResult[]): XmlElement {
  return parseXml(writeJunitXml(buildRunReport(runMeta(), cases)));
}

const child = (e: XmlElement, name: string) => e.children.find((c) => c.name === name);
const testcases = (root: XmlElement) =>
  root.children
    .filter((s) => s.name === 'testsuite')
    .flatMap((s) => s.children.filter((c) => c.name === 'testcase'));

test('the reader used here rejects XML that is not well-formed (it can fail)', () => {
  for (const bad of [
    '<a>&</a>',
    '<a b="<"/>',
    '<a></b>',
    '<a b="1" b="2"/>',
    '<a/><b/>',
    '<a>\u0001</a>',
    '<a>&bogus;</a>',
    '<a>\uD800</a>',
  ]) {
    assert.throws(() => parseXml(bad), undefined, bad);
  }
  assert.equal(parseXml('<a x="&amp;&#10;">t&lt;</a>').attributes, { x: '&\n' });
});

test('one testsuite per protocol, one testcase per case, with the counts right', () => {
  const root = junit([
    caseResult(),
    failingResult(),
    caseResult({
      id: 'avdrag.opprett.F01',
      situation: 'F',
      verdict: 'skip',
      reason: 'the profile allows no such plan',
      checks: [],
      exchanges: [],
      durationMs: 0,
    }),
    erroredResult(),
  ]);
  assert.is(root.name, 'testsuites');
  assert.equal(
    {
      tests: root.attributes['tests'],
      failures: root.attributes['failures'],
      errors: root.attributes['errors'],
      skipped: root.attributes['skipped'],
    },
    { tests: '4', failures: '1', errors: '1', skipped: '1' },
  );
  assert.is(root.attributes['time'], '11.382');
  const suites = root.children.filter((c) => c.name === 'testsuite');
  assert.equal(
    suites.map((s) => s.attributes['name']),
    ['no.ks.fiks.faktura.avdrag', 'no.ks.fiks.faktura.kommentar'],
  );
  assert.is(suites[0]!.attributes['timestamp'], '2026-03-02T08:15:00');
  const avdrag = suites[0]!.attributes;
  assert.equal(
    [avdrag['tests'], avdrag['failures'], avdrag['errors'], avdrag['skipped'], avdrag['time']],
    ['3', '1', '0', '1', '11.342'],
  );
  const [pass, fail, skip, error] = testcases(root);
  assert.equal(pass!.attributes, {
    classname: 'no.ks.fiks.faktura.avdrag',
    name: 'avdrag.opprett.N01 Instalment plan granted',
    time: '0.842',
  });
  assert.is(pass!.children.length, 0);
  const failure = child(fail!, 'failure')!;
  assert.is(failure.attributes['type'], 'deadline');
  assert.is(failure.attributes['message'], 'deadline: answered after 10 412 ms, the deadline is 10 000 ms');
  assert.match(
    failure.text,
    /FAIL deadline \[step 1, attempt 1\] \(no\.ks\.fiks\.faktura\.avdrag\/v1\/README\.md#deadline\)/,
  );
  assert.is(child(skip!, 'skipped')!.attributes['message'], 'the profile allows no such plan');
  assert.is(child(error!, 'error')!.attributes['message'], 'Fiks IO refused the send: HTTP 503');
});

test('every failing check is listed in the failure', () => {
  const root = junit([
    failingResult({
      checks: [
        check('deadline', 'fail'),
        check('payload.schema', 'fail', { step: 2 }),
        check('asice.signer', 'warn'),
      ],
    }),
  ]);
  const [tc] = testcases(root);
  const failure = child(tc!, 'failure')!;
  assert.match(failure.attributes['message']!, /\(and 1 more failing checks\)/);
  assert.equal(
    failure.text.split('\n').map((l) => l.split(' ')[1]),
    ['deadline', 'payload.schema'],
  );
  assert.match(child(tc!, 'system-out')!.text, /WARN asice\.signer/);
});

test('unstable and now-passing fail; an expected failure still failing is skipped with its reason', () => {
  const root = junit([
    caseResult({
      id: 'a.u',
      verdict: 'fail',
      unstable: true,
      attempts: ['pass', 'fail'],
      reason: 'unstable: attempt 1 passed, attempt 2 failed',
    }),
    caseResult({ id: 'a.n', expectedFailure: { reason: 'ERP-1', outcome: 'now-passing' } }),
    failingResult({ id: 'a.s', expectedFailure: { reason: 'ERP-2', outcome: 'still-failing' } }),
  ]);
  const [u, n, s] = testcases(root);
  assert.is(child(u!, 'failure')!.attributes['type'], 'unstable');
  assert.match(child(u!, 'failure')!.attributes['message']!, /^unstable: /);
  assert.match(child(n!, 'failure')!.attributes['message']!, /ERP-1.*remove its entry/);
  assert.is(child(s!, 'skipped')!.attributes['message'], 'expected failure, still failing: ERP-2');
  assert.equal([root.attributes['failures'], root.attributes['skipped']], ['2', '1']);
});

test('fødselsnumre are masked in the XML', () => {
  const xml = writeJunitXml(
    buildRunReport(runMeta(), [
      failingResult({
        title: `for ${FNR}`,
        checks: [check('assertions', 'fail', { message: `payer ${FNR}` })],
      }),
    ]),
  );
  assert.not.ok(xml.includes(FNR));
  assert.ok(xml.includes(FOEDSELSNUMMER_MASK));
});

/** Any string, lone surrogates and control characters included. */
const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 30 }),
  fc.constantFrom('<', '&', '"', "'", ']]>', '&amp;', '\r\n', '\t', '<![CDATA[', '-->'),
);

test('any strings in ids, titles, messages and reasons give well-formed XML that reads back', () => {
  fc.assert(
    fc.property(anyText, anyText, anyText, anyText, anyText, (id, title, message, reason, protocol) => {
      const xml = writeJunitXml(
        buildRunReport(runMeta(), [
          failingResult({ id, title, protocol, checks: [check(id, 'fail', { message, spec: reason })] }),
          erroredResult({ id: `${id}e`, reason }),
          caseResult({ id: `${id}s`, verdict: 'skip', reason, checks: [], exchanges: [] }),
        ]),
      );
      const root = parseXml(xml);
      const failed = testcases(root).find((tc) => child(tc, 'failure') !== undefined);
      const printable = (s: string) =>
        !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/.test(s) && !/[0-9]{11}/.test(s);
      if (printable(id) && printable(title)) assert.is(failed!.attributes['name'], `${id} ${title}`);
      if (printable(message) && printable(id)) {
        assert.is(child(failed!, 'failure')!.attributes['message'], `${id}: ${message}`);
      }
    }),
    { numRuns: 300 },
  );
});

test.run();
