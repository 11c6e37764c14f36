import type { CaseReport, CheckReport, ExchangeReport, ReplyReport } from '../run-report.js';
import { htmlText } from './html-text.js';
import { badge } from './run-overview.js';
import { timelineBar } from './timeline-bar.js';

function checksTable(checks: CheckReport[], repeated: boolean): string {
  if (checks.length === 0) return '<p class="muted">No checks were judged.</p>';
  const rows = checks
    .map(
      (c) =>
        `<tr><td>${badge(c.verdict)}</td><td><code>${htmlText(c.id)}</code></td><td>${c.step ?? '–'}${repeated ? ` / ${c.attempt}` : ''}</td><td>${htmlText(c.message)}</td><td><code>${htmlText(c.spec)}</code></td></tr>`,
    )
    .join('\n');
  return `<table class="checks"><thead><tr><th>Verdict</th><th>Check</th><th>Step${repeated ? ' / attempt' : ''}</th><th>Message</th><th>Specification clause</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

function json(value: unknown): string {
  return `<pre>${htmlText(JSON.stringify(value, null, 2) ?? 'null')}</pre>`;
}

function replyBlock(reply: ReplyReport): string {
  const head = `<p>Answer <code>${htmlText(reply.meldingType)}</code> received ${htmlText(reply.receivedAt)} from <code>${htmlText(reply.avsenderKontoId)}</code>${reply.platformMessage === null ? '' : ` (Fiks IO's own message: <strong>${htmlText(reply.platformMessage)}</strong>)`}</p>`;
  const opened = reply.opened;
  if (opened === null)
    return `${head}<p class="muted">${reply.harPayload ? 'The payload was not opened.' : 'Sent without a payload.'}</p>`;
  if (!opened.ok)
    return `${head}<p>The payload could not be opened: <code>${htmlText(opened.code)}</code> ${htmlText(opened.message)}</p>`;
  const signature =
    opened.signature.status === 'verified'
      ? `Signed by <code>${htmlText(opened.signature.signerSubject)}</code> (serial <code>${htmlText(opened.signature.signerSerial)}</code>), signature verified.`
      : 'No signature.';
  const payload =
    opened.payloadError !== undefined
      ? `<p>The payload is not readable JSON: ${htmlText(opened.payloadError)}</p>`
      : opened.payload === undefined
        ? ''
        : `<h4>Answer received (personal data masked)</h4>${json(opened.payload)}`;
  const files = opened.files.map((f) => `<code>${htmlText(f.name)}</code> (${f.size} bytes)`).join(', ');
  return `${head}<p>${signature} Files: ${files === '' ? 'none' : files}.</p>${payload}`;
}

function exchangeBlock(e: ExchangeReport, repeated: boolean): string {
  const error =
    e.harnessError === null
      ? ''
      : `<p><strong>Harness error</strong> <code>${htmlText(e.harnessError.code)}</code>: ${htmlText(e.harnessError.message)}</p>`;
  const replies =
    e.replies.length === 0
      ? '<p class="muted">No answer was received.</p>'
      : e.replies.map(replyBlock).join('\n');
  return `<div class="exchange">
<h4>Step ${e.step}${repeated ? `, attempt ${e.attempt}` : ''}: <code>${htmlText(e.request.meldingType)}</code></h4>
<p class="muted">Request <code>${htmlText(e.request.meldingId)}</code> sent ${htmlText(e.timeline.sentAt)} to <code>${htmlText(e.vendorKontoId)}</code></p>
${timelineBar(e)}
${error}${replies}
</div>`;
}

/** One case: its verdict, title and clauses, why it did not pass, every check, every exchange with its timeline and the answer received. */
export function caseSection(c: CaseReport): string {
  const repeated = c.attempts !== null;
  const reason = c.reason === null ? '' : `<p><strong>Reason:</strong> ${htmlText(c.reason)}</p>`;
  const expected =
    c.expectedFailure === null
      ? ''
      : `<p><strong>Expected failure</strong> (${htmlText(c.expectedFailure.outcome)}): ${htmlText(c.expectedFailure.reason)}</p>`;
  const attempts =
    c.attempts === null
      ? ''
      : `<p>Attempts: ${c.attempts.map(badge).join(' ')}${c.unstable ? ' <strong>unstable</strong>' : ''}</p>`;
  const clauses = c.spec.map((s) => `<code>${htmlText(s)}</code>`).join(', ');
  return `<article class="case" id="case-${htmlText(c.id)}" data-case-verdict="${htmlText(c.verdict)}">
<h3>${badge(c.verdict)} <code>${htmlText(c.id)}</code> ${htmlText(c.title)}</h3>
<p class="muted">Situation ${htmlText(c.situation)}${c.generated ? ' (generated)' : ''}; ${c.durationMs} ms; clauses: ${clauses === '' ? '–' : clauses}</p>
${reason}${expected}${attempts}
${checksTable(c.checks, repeated)}
${c.exchanges.map((e) => exchangeBlock(e, repeated)).join('\n')}
</article>`;
}
