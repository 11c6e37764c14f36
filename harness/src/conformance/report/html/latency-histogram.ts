import type { ExchangeReport, RunReport } from '../run-report.js';
import { formatMs, htmlText } from './html-text.js';

const WIDTH = 600;
const HEIGHT = 150;
const PLOT_TOP = 14;
const PLOT_BOTTOM = 120;
const BINS = 10;

/** A histogram bin: waits in [from, to) ms, and how many fell in it. */
export interface HistogramBin {
  from: number;
  to: number;
  count: number;
}

/** A round bin width (1, 2 or 5 × 10^n ms) so that `BINS` bins cover `max`. */
function binWidth(max: number): number {
  const raw = Math.max(max, 1) / BINS;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((f) => f * power).find((w) => w * BINS > max) ?? 10 * power;
}

/** `values` (ms, non-negative) in `BINS` equal bins of a round width from 0 up to past the largest. */
export function histogramBins(values: readonly number[]): HistogramBin[] {
  const width = binWidth(Math.max(0, ...values));
  const bins = Array.from({ length: BINS }, (_, i) => ({ from: i * width, to: (i + 1) * width, count: 0 }));
  for (const v of values) bins[Math.min(BINS - 1, Math.floor(Math.max(0, v) / width))]!.count += 1;
  return bins;
}

/** The citizen wait of every answered exchange that sent `requestType`. */
function waitsOf(report: RunReport, requestType: string): number[] {
  const answered = (e: ExchangeReport) =>
    e.request.meldingType === requestType &&
    e.harnessError === null &&
    (e.replies[0]?.platformMessage ?? null) === null &&
    e.durations.citizenWaitMs !== null;
  return report.cases
    .flatMap((c) => c.exchanges)
    .filter(answered)
    .map((e) => e.durations.citizenWaitMs!);
}

/** One request type's citizen-wait histogram as an inline SVG bar chart. */
export function histogramSvg(requestType: string, values: readonly number[]): string {
  const bins = histogramBins(values);
  const most = Math.max(1, ...bins.map((b) => b.count));
  const slot = WIDTH / BINS;
  const bars = bins
    .map((b, i) => {
      const h = ((PLOT_BOTTOM - PLOT_TOP) * b.count) / most;
      const x = i * slot + 2;
      const label = `${formatMs(b.from)} – ${formatMs(b.to)}: ${b.count}`;
      return `<rect x="${x}" y="${(PLOT_BOTTOM - h).toFixed(1)}" width="${slot - 4}" height="${h.toFixed(1)}" fill="#0969da"><title>${label}</title></rect>${b.count > 0 ? `<text x="${x + (slot - 4) / 2}" y="${(PLOT_BOTTOM - h - 2).toFixed(1)}" font-size="10" text-anchor="middle">${b.count}</text>` : ''}<text x="${x}" y="${PLOT_BOTTOM + 12}" font-size="9" fill="#57606a">${formatMs(b.from)}</text>`;
    })
    .join('');
  return `<svg class="histogram" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="Citizen wait of ${htmlText(requestType)}: ${values.length} answers">
<line x1="0" y1="${PLOT_BOTTOM}" x2="${WIDTH}" y2="${PLOT_BOTTOM}" stroke="#d0d7de"/>${bars}
<text x="0" y="${HEIGHT - 4}" font-size="10" fill="#57606a">citizen wait (sent → answer received), answers per bin</text>
</svg>`;
}

/** Per request type: the timing figures (p50/p95/max, vendor and platform apart where known) and a histogram of the citizen wait. */
export function latencySection(report: RunReport): string {
  const stat = (s: { p50: number; p95: number; max: number } | null) =>
    s === null ? '–' : `${formatMs(s.p50)} / ${formatMs(s.p95)} / ${formatMs(s.max)}`;
  const types = report.timing.byRequestType
    .map((t) => {
      const waits = waitsOf(report, t.requestType);
      return `<h3><code>${htmlText(t.requestType)}</code></h3>
<table><thead><tr><th>Exchanges</th><th>Unanswered</th><th>Citizen wait p50 / p95 / max</th><th>Vendor p50 / p95 / max</th><th>Platform p50 / p95 / max</th></tr></thead>
<tbody><tr><td>${t.exchanges}</td><td>${t.unanswered}</td><td>${stat(t.citizenWait)}</td><td>${stat(t.vendor)}</td><td>${stat(t.platform)}</td></tr></tbody></table>
${waits.length === 0 ? '<p class="muted">No answers.</p>' : histogramSvg(t.requestType, waits)}`;
    })
    .join('\n');
  return `<section aria-label="Latency"><h2>Latency per request type</h2>
<p class="muted">${htmlText(report.timing.note)}</p>
${types === '' ? '<p class="muted">No exchanges.</p>' : types}
</section>`;
}
