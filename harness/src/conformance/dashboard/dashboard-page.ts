import { createHash } from 'node:crypto';
import { HTML_REPORT_CSS } from '../report/html/html-styles.js';
import { DASHBOARD_SCRIPT } from './dashboard-script.js';

const DASHBOARD_CSS = `
.live-status { border-radius: 6px; padding: .75rem 1.25rem; margin: 0 0 1rem; background: #ddf4ff; }
.live-track { position: relative; height: 18px; max-width: 600px; background: #f6f8fa; border: 1px solid var(--line); }
.live-bar { height: 100%; width: 0; background: var(--platform); }
.live-bar.answered { background: var(--vendor); } .live-bar.unanswered { background: var(--fail); }
.badge.pending { background: #d0d7de; color: #1f2328; } .badge.running { background: #0969da; }
`;

const SCRIPT_HASH = createHash('sha256').update(DASHBOARD_SCRIPT).digest('base64');

/**
 * Only this page's own script runs, and it may talk only to the page's own origin (its WebSocket
 * included); styles and images inline, nothing else fetched.
 */
export const DASHBOARD_CSP = `default-src 'none'; script-src 'sha256-${SCRIPT_HASH}'; style-src 'unsafe-inline'; img-src data:; connect-src 'self'`;

/**
 * The live dashboard page: the report's own style sheet, the live counts, the current exchange,
 * the case list, and the judged cases as they finish; its script turns it into the content of
 * `report.html` when the run ends. Self-contained: no external asset.
 */
export function dashboardPage(): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Conformance run (live)</title>
<style>${HTML_REPORT_CSS}${DASHBOARD_CSS}</style>
</head>
<body data-run-state="loading">
<header id="page-header"><h1>Fiks IO invoice protocols: conformance run</h1></header>
<main id="page-main">
<section class="live-status" aria-label="Progress">
<div><strong id="run-state">Loading…</strong>: <span data-live-count="finished">0</span> of <span data-live-count="total">0</span> cases judged</div>
<div class="counts"><span>Passed: <strong data-live-count="pass">0</strong></span><span>Failed: <strong data-live-count="fail">0</strong></span><span>Errored: <strong data-live-count="error">0</strong></span><span>Skipped: <strong data-live-count="skip">0</strong></span></div>
<p id="dropped-events" class="muted" hidden></p>
</section>
<section aria-label="Current exchange"><h2>Current exchange</h2><div id="current"><p class="muted">No request sent yet.</p></div></section>
<section aria-label="Cases"><h2>Cases</h2>
<table class="live-cases"><thead><tr><th>State</th><th>Case</th><th>Title</th></tr></thead><tbody id="case-rows"></tbody></table></section>
<section aria-label="Judged cases"><h2>Judged cases</h2><div id="finished"></div></section>
</main>
<script>${DASHBOARD_SCRIPT}</script>
</body>
</html>
`;
}
