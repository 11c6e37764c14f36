import type { CaseReport, RunReport } from '../run-report.js';
import { caseSection } from './case-section.js';
import { coverageSection } from './coverage-section.js';
import { HTML_REPORT_CSS } from './html-styles.js';
import { htmlText } from './html-text.js';
import { latencySection } from './latency-histogram.js';
import { runIdentity, runSummary, verdictBanner } from './run-overview.js';
import { timelineLegend } from './timeline-bar.js';

/** Nothing may be fetched: no scripts, no network, styles and images only inline. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

function protocolSection(protocol: string, cases: CaseReport[]): string {
  return `<section class="protocol" id="protocol-${htmlText(protocol)}" aria-label="${htmlText(protocol)}">
<h2>Protocol <code>${htmlText(protocol)}</code></h2>
${cases.map(caseSection).join('\n')}
</section>`;
}

/**
 * The content of `report.html` inside its `<main>`: the verdict banner, summary, identity, every
 * protocol's cases, latency and coverage. The live dashboard ends on exactly this.
 */
export function renderReportMain(report: RunReport): string {
  const byProtocol = new Map<string, CaseReport[]>();
  for (const c of report.cases) byProtocol.set(c.protocol, [...(byProtocol.get(c.protocol) ?? []), c]);
  return `${verdictBanner(report)}
${runSummary(report)}
${runIdentity(report)}
<section aria-label="Cases"><h2>Cases</h2>${timelineLegend()}</section>
${[...byProtocol.entries()].map(([p, cases]) => protocolSection(p, cases)).join('\n')}
<section class="protocol">${latencySection(report)}</section>
<section class="protocol">${coverageSection(report)}</section>`;
}

/** The page's title: vendor, day and verdict. */
export function reportTitle(report: RunReport): string {
  return `Conformance report: ${htmlText(report.vendor.name ?? report.vendor.kontoId)}, ${htmlText(report.today)}: ${report.verdict.toUpperCase()}`;
}

/** The page's header line under the heading: vendor, day, harness. */
export function reportHeader(report: RunReport): string {
  return `<h1>Fiks IO invoice protocols: conformance report</h1>
<p class="muted">${htmlText(report.vendor.name ?? report.vendor.kontoId)}, ${htmlText(report.today)}, ${htmlText(report.harness.name)} ${htmlText(report.harness.version)}</p>`;
}

/**
 * `report.html`: the run for people, one self-contained page (inline CSS and SVG, no scripts, no
 * external assets): the verdict first, a summary, then per protocol every case with its checks,
 * clauses, messages, the answer received and a timeline bar per exchange; the latency per request
 * type; the coverage of the protocol surface; the run's identity. Built only from the already masked `RunReport`, every string escaped.
 */
export function renderHtmlReport(report: RunReport): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${reportTitle(report)}</title>
<style>${HTML_REPORT_CSS}</style>
</head>
<body>
<header>${reportHeader(report)}</header>
<main>
${renderReportMain(report)}
</main>
</body>
</html>
`;
}
