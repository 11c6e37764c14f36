import type { RunReport, VerdictCounts } from '../run-report.js';
import { formatMs, htmlText } from './html-text.js';

const VERDICT_WORDS: Record<RunReport['verdict'], { word: string; meaning: string }> = {
  pass: { word: 'PASS', meaning: 'Every case passed or was skipped: nothing failed, nothing errored.' },
  fail: {
    word: 'FAIL',
    meaning: "At least one case failed: the vendor's system did not meet the specification.",
  },
  error: {
    word: 'ERROR',
    meaning:
      'No case failed, but some errored: the harness or the platform failed, which is never held against the vendor.',
  },
};

/** A verdict badge (`pass`, `fail`, `warn`, `error`, `skip`). */
export function badge(verdict: string): string {
  return `<span class="badge ${htmlText(verdict)}">${htmlText(verdict.toUpperCase())}</span>`;
}

function counts(c: VerdictCounts, scope: string): string {
  const item = (key: keyof VerdictCounts, label: string) =>
    `<span>${label}: <strong data-count="${scope}.${key}">${c[key]}</strong></span>`;
  return `<div class="counts">${item('total', 'Cases')}${item('pass', 'Passed')}${item('fail', 'Failed')}${item('error', 'Errored')}${item('skip', 'Skipped')}</div>`;
}

/** The verdict first: a coloured banner with the run's verdict, what it means and the case counts. */
export function verdictBanner(report: RunReport): string {
  const v = VERDICT_WORDS[report.verdict];
  return `<section class="verdict-banner ${report.verdict}" aria-label="Verdict">
<div>Verdict: <span class="word" data-verdict="${report.verdict}">${v.word}</span> <span>(exit code <span data-exit-code>${report.exitCode}</span>)</span></div>
<div>${htmlText(v.meaning)}</div>
${counts(report.summary.cases, 'cases')}
</section>`;
}

function idList(label: string, ids: string[]): string {
  if (ids.length === 0) return '';
  const links = ids
    .map((id) => `<a href="#case-${htmlText(id)}"><code>${htmlText(id)}</code></a>`)
    .join(', ');
  return `<p><strong>${label}:</strong> ${links}</p>`;
}

/** What needs attention (failed, errored, unstable cases, expected failures, warnings) and the counts per protocol. */
export function runSummary(report: RunReport): string {
  const s = report.summary;
  const rows = s.byProtocol
    .map(
      (p) =>
        `<tr><td><a href="#protocol-${htmlText(p.protocol)}"><code>${htmlText(p.protocol)}</code></a></td><td>${p.total}</td><td>${p.pass}</td><td>${p.fail}</td><td>${p.error}</td><td>${p.skip}</td></tr>`,
    )
    .join('\n');
  const checks = s.checks;
  const warnings =
    s.warnings.length === 0
      ? ''
      : `<h3>Warnings</h3><ul>${s.warnings.map((w) => `<li>${htmlText(w)}</li>`).join('')}</ul>`;
  return `<section aria-label="Summary">
<h2>Summary</h2>
${idList('Failed', s.failed)}${idList('Errored', s.errored)}${idList('Unstable', s.unstable)}${idList('Expected failures still failing', s.expectedFailures.stillFailing)}${idList('Expected failures now passing', s.expectedFailures.nowPassing)}
<table><thead><tr><th>Protocol</th><th>Cases</th><th>Passed</th><th>Failed</th><th>Errored</th><th>Skipped</th></tr></thead>
<tbody>${rows}</tbody></table>
<p>Checks: <span data-count="checks.total">${checks.total}</span> in all, ${checks.pass} passed, ${checks.fail} failed, ${checks.warn} warnings, ${checks.error} errored, ${checks.skip} skipped.</p>
${warnings}
</section>`;
}

/** The run's identity: harness version, suite hash, target, vendor, dates, settings. */
export function runIdentity(report: RunReport): string {
  const vendor =
    report.vendor.name === null
      ? `<code>${htmlText(report.vendor.kontoId)}</code>`
      : `${htmlText(report.vendor.name)} (<code>${htmlText(report.vendor.kontoId)}</code>)`;
  const rows: [string, string][] = [
    ['Vendor', vendor],
    ['Target', htmlText(report.target)],
    [
      'Date of the run',
      `${htmlText(report.today)} (started ${htmlText(report.startedAt)}, finished ${htmlText(report.finishedAt)}, ${formatMs(report.durationMs)})`,
    ],
    ['Harness', `${htmlText(report.harness.name)} ${htmlText(report.harness.version)}`],
    ['Suite hash', `<code>${htmlText(report.suiteHash)}</code>`],
    ['Harness account', `<code>${htmlText(report.harnessAccount)}</code>`],
    ['Policy profile', htmlText(report.profile.name ?? report.profile.path ?? 'default profile')],
    ['Repeat, concurrency', `${report.repeat}, ${report.concurrency}`],
  ];
  return `<section aria-label="Run identity"><h2>Run identity</h2><dl class="identity">
${rows.map(([k, v]) => `<dt>${k}</dt><dd>${v}</dd>`).join('\n')}
</dl></section>`;
}
