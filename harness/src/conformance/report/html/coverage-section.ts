import {
  COVERAGE_KINDS,
  type CoverageItem,
  type CoverageKind,
  type CoverageTally,
} from '../../coverage/coverage-model.js';
import type { RunReport } from '../run-report.js';
import { htmlText } from './html-text.js';

const KIND_WORDS: Record<CoverageKind, string> = {
  field: 'Request fields sent',
  value: 'Enum and code-list values',
  branch: 'Conditional branches',
  'reply-type': 'Answer types received',
  'denial-reason': 'Denial reasons (årsakskoder)',
};

function share(t: CoverageTally): string {
  return `${t.exercised} of ${t.total} (${t.percent}%)`;
}

/** A point as people read it: `message type` `path` = value / branch. */
function pointText(item: CoverageItem): string {
  const type = `<code>${htmlText(item.messageType.split('.').slice(-2).join('.'))}</code>`;
  const path = item.path === '' ? '' : ` <code>${htmlText(item.path)}</code>`;
  if (item.kind === 'reply-type') return `${type} answered with <code>${htmlText(item.value ?? '')}</code>`;
  if (item.kind === 'branch') return `${type}${path}: ${htmlText(item.branch ?? '')}`;
  if (item.value !== null)
    return `${type}${path} = <code>${htmlText(item.value)}</code>${item.codeList === null ? '' : ` <span class="muted">(${htmlText(item.codeList)})</span>`}`;
  return `${type}${path}`;
}

/**
 * The protocol-surface coverage: the overall share and the threshold, a table per kind and
 * protocol, and per protocol the points the run did not exercise.
 */
export function coverageSection(report: RunReport): string {
  const c = report.coverage;
  const threshold =
    c.threshold === null
      ? ''
      : ` Threshold (<code>--min-coverage</code>): ${c.threshold}%, <strong data-coverage-met="${String(c.met)}">${c.met === true ? 'met' : 'not met: the run fails'}</strong>.`;
  const head = `<tr><th>Kind</th><th>All</th>${c.protocols.map((p) => `<th><code>${htmlText(p.protocol)}</code> ${htmlText(p.version)}</th>`).join('')}</tr>`;
  const rows = COVERAGE_KINDS.map(
    (k) =>
      `<tr><td>${KIND_WORDS[k]}</td><td>${share(c.byKind[k])}</td>${c.protocols.map((p) => `<td>${share(p.byKind[k])}</td>`).join('')}</tr>`,
  ).join('\n');
  const missing = c.protocols
    .map((p) => {
      const left = p.items.filter((i) => !i.exercised);
      return `<h3><code>${htmlText(p.protocol)}</code> ${htmlText(p.version)}: ${share(p)}</h3>${
        left.length === 0
          ? '<p>Every point was exercised.</p>'
          : `<p>Not exercised:</p><ul class="coverage-missing">${left.map((i) => `<li>${KIND_WORDS[i.kind]}: ${pointText(i)}</li>`).join('')}</ul>`
      }`;
    })
    .join('\n');
  return `<section aria-label="Coverage"><h2>Coverage of the protocol surface</h2>
<p>Exercised: <strong data-coverage-percent="${c.percent}">${c.percent}%</strong> (${c.exercised} of ${c.total} points).${threshold}</p>
<p class="muted">${htmlText(c.note)}</p>
<table class="coverage"><thead>${head}</thead>
<tbody>${rows}</tbody></table>
${missing}
</section>`;
}
