/** The shapes of the protocol-surface coverage, as `report.json` holds it (`coverage`). */

/**
 * What is counted: `field` a request field sent; `value` an enum or code-list value sent in a
 * request or seen in an answer; `branch` an outcome of a conditional (`if` → `then`/`else`, one
 * alternative of `oneOf`) taken by a payload; `reply-type` an answer type the catalogue allows,
 * received for its request type; `denial-reason` a reason code (årsakskode) seen in an answer.
 */
export type CoverageKind = 'field' | 'value' | 'branch' | 'reply-type' | 'denial-reason';

export const COVERAGE_KINDS: readonly CoverageKind[] = [
  'field',
  'value',
  'branch',
  'reply-type',
  'denial-reason',
];

/** One point of the protocol surface, and whether the run exercised it. */
export interface CoverageItem {
  kind: CoverageKind;
  /** The message type whose payload holds the point (for `reply-type`: the request type). */
  messageType: string;
  /** The payload place, property names joined by `.` (`[]` for every item of an array); `''` for the payload itself. */
  path: string;
  /** The enum value, code, or (for `reply-type`) the answer type; null for `field` and `branch`. */
  value: string | null;
  /** For `branch`: `then`, `else` or `oneOf N (title)`; null otherwise. */
  branch: string | null;
  /** The code list the value belongs to (its `navn`), when one is declared for the place. */
  codeList: string | null;
  exercised: boolean;
}

/** How much of a set of points was exercised; `percent` has one decimal, 100 for an empty set. */
export interface CoverageTally {
  exercised: number;
  total: number;
  percent: number;
}

/** The tally per kind. */
export type CoverageByKind = Record<CoverageKind, CoverageTally>;

/** One protocol version's surface and what of it the run exercised. */
export interface ProtocolCoverage extends CoverageTally {
  protocol: string;
  version: string;
  byKind: CoverageByKind;
  items: CoverageItem[];
}

/** The coverage of the run's protocol versions, and the `--min-coverage` threshold when one was set. */
export interface SurfaceCoverage extends CoverageTally {
  /** What was counted, in words. */
  note: string;
  byKind: CoverageByKind;
  protocols: ProtocolCoverage[];
  /** `--min-coverage` in percent, or null. */
  threshold: number | null;
  /** Whether `percent` reaches the threshold; null without one. */
  met: boolean | null;
}
