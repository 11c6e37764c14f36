import type { ExchangeReport } from '../run-report.js';
import { formatMs } from './html-text.js';

const WIDTH = 600;
const HEIGHT = 34;
const BAR_Y = 4;
const BAR_H = 16;

/** One coloured stretch of a timeline bar, in ms from the send. */
interface Segment {
  from: number;
  to: number;
  kind: 'platform' | 'vendor' | 'unknown';
  label: string;
}

const FILL: Record<Segment['kind'], string> = { platform: '#8c959f', vendor: '#0969da', unknown: '#c69026' };

const at = (iso: string | null, t0: number): number | null => (iso === null ? null : Date.parse(iso) - t0);

/**
 * The stretches of an exchange: with the emulator's points the platform's time (sent → delivered,
 * answer accepted → answer received) and the vendor's own (delivered → answer accepted) apart;
 * with only the harness's points one stretch whose split is unknown.
 */
export function timelineSegments(exchange: ExchangeReport): Segment[] {
  const t = exchange.timeline;
  const t0 = Date.parse(t.sentAt);
  const delivered = at(t.deliveredAt, t0);
  const answered = at(t.answerAcceptedAt, t0);
  const received = at(t.answerReceivedAt, t0);
  if (received === null) return [];
  if (delivered !== null && answered !== null) {
    return [
      { from: 0, to: delivered, kind: 'platform', label: 'platform: sent → delivered to the vendor' },
      {
        from: delivered,
        to: answered,
        kind: 'vendor',
        label: "vendor: delivered → vendor's answer accepted",
      },
      {
        from: answered,
        to: received,
        kind: 'platform',
        label: 'platform: answer accepted → answer received',
      },
    ];
  }
  return [{ from: 0, to: received, kind: 'unknown', label: 'platform and vendor together (split unknown)' }];
}

/**
 * An exchange's timeline as an inline SVG bar, scaled to its deadline (or to the wait when that is
 * longer), with the deadline marked; every stretch carries its duration as a tooltip and text.
 */
export function timelineBar(exchange: ExchangeReport): string {
  const segments = timelineSegments(exchange);
  const wait = exchange.durations.citizenWaitMs;
  const span = Math.max(exchange.deadlineMs, wait ?? 0, 1);
  const x = (ms: number) => Math.max(0, Math.min(WIDTH, (ms / span) * WIDTH));
  const rects = segments
    .map((s) => {
      const w = Math.max(x(s.to) - x(s.from), s.to > s.from ? 1 : 0);
      return `<rect x="${x(s.from).toFixed(1)}" y="${BAR_Y}" width="${w.toFixed(1)}" height="${BAR_H}" fill="${FILL[s.kind]}"><title>${s.label}: ${formatMs(s.to - s.from)}</title></rect>`;
    })
    .join('');
  const deadlineX = x(exchange.deadlineMs).toFixed(1);
  const caption =
    wait === null
      ? 'no answer received'
      : `citizen wait ${formatMs(wait)}${exchange.durations.vendorMs === null ? '' : `, vendor ${formatMs(exchange.durations.vendorMs)}`}${exchange.durations.platformMs === null ? '' : `, platform ${formatMs(exchange.durations.platformMs)}`}`;
  return `<svg class="timeline" viewBox="0 0 ${WIDTH + 4} ${HEIGHT}" width="${WIDTH + 4}" height="${HEIGHT}" role="img" aria-label="Timeline: ${caption}; deadline ${formatMs(exchange.deadlineMs)}">
<rect x="0" y="${BAR_Y}" width="${WIDTH}" height="${BAR_H}" fill="#f6f8fa" stroke="#d0d7de"/>${rects}
<line x1="${deadlineX}" y1="0" x2="${deadlineX}" y2="${BAR_Y + BAR_H + 4}" stroke="#cf222e" stroke-width="2"><title>deadline ${formatMs(exchange.deadlineMs)}</title></line>
<text x="2" y="${HEIGHT - 1}" font-size="11" fill="#57606a">${caption}; deadline ${formatMs(exchange.deadlineMs)}</text>
</svg>`;
}

/** The legend of the timeline colours. */
export function timelineLegend(): string {
  const item = (kind: Segment['kind'], text: string) =>
    `<span><span class="swatch" style="background:${FILL[kind]}"></span>${text}</span>`;
  return `<p class="legend">${item('platform', 'platform (Fiks IO)')}${item('vendor', "vendor's own time")}${item('unknown', 'platform and vendor (split unknown)')}<span><span class="swatch" style="background:#cf222e"></span>deadline</span></p>`;
}
