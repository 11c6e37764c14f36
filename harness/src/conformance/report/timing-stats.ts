import type { DurationStats, ExchangeReport, RequestTypeTiming } from './run-report.js';

/** The nearest-rank percentile `p` (0–100) of `sorted` (ascending, non-empty). */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/** Count, p50, p95, p99 and max of `values` (nearest rank), or null when there are none. */
export function durationStats(values: readonly number[]): DurationStats | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1]!,
  };
}

/**
 * Timing per request type over `exchanges` (every step of every attempt): the citizen's wait of
 * each exchange the vendor answered (not Fiks IO's own report that a request expired or could not
 * be delivered), and the vendor's own and the platform's time where the emulator
 * supplied its points. Sorted by request type.
 */
export function timingByRequestType(exchanges: readonly ExchangeReport[]): RequestTypeTiming[] {
  const byType = new Map<string, ExchangeReport[]>();
  for (const e of exchanges) {
    const list = byType.get(e.request.meldingType) ?? [];
    list.push(e);
    byType.set(e.request.meldingType, list);
  }
  const values = (list: ExchangeReport[], pick: (e: ExchangeReport) => number | null) =>
    list.map(pick).filter((v): v is number => v !== null);
  return [...byType.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([requestType, list]) => {
      // Fiks IO's own report (tidsavbrudd, serverfeil) is no answer: it is not a wait of the citizen.
      const answered = (e: ExchangeReport) =>
        e.harnessError === null && (e.replies[0]?.platformMessage ?? null) === null;
      const waits = values(list, (e) => (answered(e) ? e.durations.citizenWaitMs : null));
      return {
        requestType,
        exchanges: list.length,
        unanswered: list.length - waits.length,
        citizenWait: durationStats(waits),
        vendor: durationStats(values(list, (e) => e.durations.vendorMs)),
        platform: durationStats(values(list, (e) => e.durations.platformMs)),
      };
    });
}
