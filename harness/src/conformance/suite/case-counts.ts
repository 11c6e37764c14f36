import type { SuiteCase } from './case-descriptor.js';
import { shortProtocolName } from './case-descriptor.js';

/** How many cases one protocol version has: hand-written N and F, and generated. */
export interface CaseCount {
  protocol: string;
  version: string;
  N: number;
  F: number;
  generated: number;
}

/** The cases counted per protocol version, in the order the protocols first appear. */
export function countCases(cases: readonly SuiteCase[]): CaseCount[] {
  const rows = new Map<string, CaseCount>();
  for (const c of cases) {
    const key = `${c.protocol}/${c.version}`;
    const row = rows.get(key) ?? { protocol: c.protocol, version: c.version, N: 0, F: 0, generated: 0 };
    if (c.generated === true) row.generated++;
    else row[c.descriptor.situation]++;
    rows.set(key, row);
  }
  return [...rows.values()];
}

/** `avdrag: 15 N, 9 F, 36 generated; …; 190 in all`: the closing line of `fiks-conformance list`. */
export function describeCaseCounts(counts: readonly CaseCount[]): string {
  const total = counts.reduce((n, c) => n + c.N + c.F + c.generated, 0);
  const parts = counts.map(
    (c) => `${shortProtocolName(c.protocol)} ${c.version}: ${c.N} N, ${c.F} F, ${c.generated} generated`,
  );
  return `${[...parts, `${total} in all`].join('; ')}`;
}
