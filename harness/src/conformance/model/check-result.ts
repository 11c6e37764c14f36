/** The outcome of one check, one case, one run. */

/** A check's verdict: `warn` is a failed check of severity `warning`. */
export type CheckVerdict = 'pass' | 'fail' | 'warn' | 'error' | 'skip';

/** A case's verdict (Bowtie's four): `error` blames the harness or the platform, never the vendor. */
export type CaseVerdict = 'pass' | 'fail' | 'error' | 'skip';

/** One check's result on one exchange (or on the case as a whole, without `step`). */
export interface CheckResult {
  /** Stable id, e.g. `deadline`, `correlation.svarPaMelding`, `rules.avdrag.sum`. */
  id: string;
  verdict: CheckVerdict;
  severity: 'failure' | 'warning';
  /** The clause of the specification the check enforces. */
  spec: string;
  /** What was found, in words; for a pass, what was confirmed. */
  message: string;
  /** 1-based step number the result is about. */
  step?: number;
  /** Which repetition (1-based), with `--repeat`. */
  attempt?: number;
}
