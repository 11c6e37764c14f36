import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { histogramBins } from '../../../../src/conformance/report/html/latency-histogram.js';
import { timelineSegments } from '../../../../src/conformance/report/html/timeline-bar.js';
import {
  buildRunReport,
  type RunReport,
  renderHtmlReport,
} from '../../../../src/conformance/report/index.js';
import { caseResult, erroredResult, FNR, failingResult, runMeta } from '../sample-results.js';

const report = buildRunReport(runMeta(), [caseResult(), failingResult(), erroredResult()]);
const html = renderHtmlReport(report);

test('the verdict comes first, with the counts of report.json', () => {
  const banner = html.indexOf('data-verdict=');
  assert.ok(banner > 0 && banner < html.indexOf('<section aria-label="Summary"'));
  assert.match(html, `data-verdict="${report.verdict}">FAIL<`);
  for (const key of ['total', 'pass', 'fail', 'error', 'skip'] as const)
    assert.match(html, `data-count="cases.${key}">${report.summary.cases[key]}<`);
});

test('shows every case with its checks, clauses, messages and the masked answer', () => {
  for (const c of report.cases) assert.match(html, `id="case-${c.id}"`);
  assert.match(html, 'answered after 10 412 ms, the deadline is 10 000 ms');
  assert.match(html, 'no.ks.fiks.faktura.avdrag/v1/README.md#deadline');
  assert.match(html, 'Fiks IO refused the send: HTTP 503');
  assert.match(html, 'Answer received (personal data masked)');
  assert.match(html, '&quot;utfall&quot;: &quot;INNVILGET&quot;');
  assert.not.ok(html.includes(FNR), 'a fødselsnummer reached report.html');
  assert.not.ok(html.includes('Ola Nordmann'), 'a name reached report.html');
});

test('names the run: harness version, suite hash, target, vendor, date', () => {
  for (const fact of [
    '@fiks-faktura/harness 0.1.0',
    'b'.repeat(64),
    'embedded',
    'Reference ERP',
    '2026-03-02',
  ])
    assert.match(html, fact);
});

test('self-contained: no scripts, no external references, a policy that forbids fetching', () => {
  assert.not.match(html, /<script|<link|<img|<iframe|@import|url\(/i);
  assert.not.match(html, /\b(src|href)="(?!#)/);
  assert.match(html, `content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
  assert.ok(html.indexOf('.protocol { break-before: page; }') > html.indexOf('@media print {'));
});

test('the timeline separates platform and vendor time where the emulator knows them', () => {
  const emulator = report.cases[0]!.exchanges[0]!;
  assert.equal(
    timelineSegments(emulator).map((s) => [s.kind, s.to - s.from]),
    [
      ['platform', 100],
      ['vendor', 600],
      ['platform', 100],
    ],
  );
  const remote = buildRunReport(runMeta({ timingSource: 'harness' }), [
    caseResult({ exchanges: [failingResult().exchanges[0]!] }),
  ]);
  const harnessOnly = {
    ...remote.cases[0]!.exchanges[0]!,
    timeline: { ...remote.cases[0]!.exchanges[0]!.timeline, deliveredAt: null, answerAcceptedAt: null },
  };
  assert.equal(
    timelineSegments(harnessOnly).map((s) => s.kind),
    ['unknown'],
  );
  assert.equal(timelineSegments(report.cases[2]!.exchanges[0]!), []);
});

test('the histogram puts every wait in one round-width bin', () => {
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 60_000 }), { maxLength: 50 }), (waits) => {
      const bins = histogramBins(waits);
      assert.is(bins.length, 10);
      assert.is(
        bins.reduce((n, b) => n + b.count, 0),
        waits.length,
      );
      for (const w of waits) assert.ok(w < bins[9]!.to, `${w} beyond the last bin`);
    }),
  );
  assert.equal(
    histogramBins([842, 10_412]).map((b) => b.count),
    [1, 0, 0, 0, 0, 1, 0, 0, 0, 0],
  );
});

/** `report` with every text the vendor or the suite controls replaced by `text(i)`. */
function withTexts(base: RunReport, text: (i: number) => string): RunReport {
  let i = 0;
  const t = () => text(i++);
  return {
    ...base,
    vendor: { kontoId: t(), name: t() },
    harnessAccount: t(),
    suiteHash: t(),
    summary: { ...base.summary, warnings: [t(), t()] },
    timing: { ...base.timing, note: t() },
    cases: base.cases.map((c) => ({
      ...c,
      title: t(),
      reason: t(),
      spec: [t()],
      checks: c.checks.map((k) => ({ ...k, id: t(), message: t(), spec: t() })),
      exchanges: c.exchanges.map((e) => ({
        ...e,
        vendorKontoId: t(),
        request: { ...e.request, meldingId: t() },
        harnessError: e.harnessError === null ? null : { code: t(), message: t() },
        replies: e.replies.map((r) => ({
          ...r,
          avsenderKontoId: t(),
          opened: r.opened?.ok ? { ...r.opened, payload: { [`k${t()}`]: t(), list: [t()] } } : r.opened,
        })),
      })),
    })),
  };
}

test('no string in ids, messages or payloads can inject markup (property)', () => {
  // Escaped text adds only entities: with them removed, the markup characters left are the template's own.
  const markup = (page: string) =>
    [...page.replace(/&(amp|lt|gt|quot|#39);/g, '')].filter((ch) => '<>"\'&'.includes(ch)).length;
  const baseline = markup(renderHtmlReport(withTexts(report, () => 'x')));
  const hostile = fc.oneof(
    fc.string(),
    fc.string({ unit: 'binary' }),
    fc.constantFrom(
      '<script>alert(1)</script>',
      '"><img src=x onerror=alert(1)>',
      "' onmouseover='x",
      '</style><b>',
      '&lt;',
      '<!--',
      ']]>',
    ),
  );
  fc.assert(
    fc.property(fc.array(hostile, { minLength: 1, maxLength: 8 }), (texts) => {
      const out = renderHtmlReport(withTexts(report, (i) => texts[i % texts.length]!));
      assert.is(markup(out), baseline);
      assert.not.ok(/<script|<img|<b>/.test(out));
    }),
    { numRuns: 200 },
  );
});

test.run();
