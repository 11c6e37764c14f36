/**
 * The report's only style sheet, inlined into `report.html`: readable on screen, and in print no
 * clipped content (long values wrap) and a page break before every protocol.
 */
export const HTML_REPORT_CSS = `
:root { --pass: #1a7f37; --fail: #cf222e; --error: #9a6700; --skip: #57606a; --warn: #bc4c00;
  --platform: #8c959f; --vendor: #0969da; --line: #d0d7de; --muted: #57606a; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1f2328;
  margin: 0 auto; max-width: 1100px; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .5rem; border-bottom: 2px solid var(--line); padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .25rem; }
h4 { font-size: .95rem; margin: .75rem 0 .25rem; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .85rem; }
pre { background: #f6f8fa; border: 1px solid var(--line); padding: .5rem; white-space: pre-wrap;
  overflow-wrap: anywhere; margin: .25rem 0; }
table { border-collapse: collapse; width: 100%; margin: .25rem 0 .75rem; }
th, td { text-align: left; vertical-align: top; border-bottom: 1px solid var(--line); padding: .25rem .5rem;
  overflow-wrap: anywhere; }
th { background: #f6f8fa; font-weight: 600; overflow-wrap: normal; }
table.checks td:first-child { white-space: nowrap; }
.verdict-banner { border-radius: 6px; padding: 1rem 1.25rem; color: #fff; margin: 0 0 1rem; }
.verdict-banner .word { font-size: 2rem; font-weight: 700; letter-spacing: .04em; }
.verdict-banner.pass { background: var(--pass); } .verdict-banner.fail { background: var(--fail); }
.verdict-banner.error { background: var(--error); }
.counts { display: flex; flex-wrap: wrap; gap: .5rem 1.5rem; margin-top: .25rem; }
.badge { display: inline-block; min-width: 3.5em; text-align: center; border-radius: 3px; padding: 0 .35em;
  color: #fff; font-weight: 600; font-size: .8rem; }
.badge.pass { background: var(--pass); } .badge.fail { background: var(--fail); }
.badge.error { background: var(--error); } .badge.skip { background: var(--skip); }
.badge.warn { background: var(--warn); }
.muted { color: var(--muted); }
.case { border: 1px solid var(--line); border-radius: 6px; padding: .25rem .75rem .5rem; margin: .75rem 0;
  break-inside: avoid-page; }
.exchange { border-top: 1px dashed var(--line); margin-top: .5rem; padding-top: .25rem; }
.legend span { margin-right: 1rem; }
.swatch { display: inline-block; width: .8em; height: .8em; margin-right: .3em; vertical-align: -.05em; }
svg { max-width: 100%; height: auto; display: block; }
dl.identity { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
dl.identity dt { font-weight: 600; } dl.identity dd { margin: 0; overflow-wrap: anywhere; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  .protocol { break-before: page; }
  .verdict-banner, .badge, .swatch, svg { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  pre { overflow: visible; }
  h2, h3, h4 { break-after: avoid-page; }
}
`;
