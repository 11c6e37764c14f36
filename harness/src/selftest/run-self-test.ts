import type { CalendarDate, ProtocolCatalog } from '@fiks-faktura/sdk';
import type { CaseResult } from '../conformance/model/case-result.js';
import type { ResolvedCase } from '../conformance/model/resolved-case.js';
import { selectCasesByGlob } from './case-selection.js';
import type { Mutant } from './mutant.js';
import { MutantFiksIoClient } from './mutant-client.js';
import { type MutantVerdict, mutantVerdict } from './mutant-verdict.js';
import { runAgainst } from './run-against.js';

/** How to run the self-test. */
export interface SelfTestOptions {
  cases: readonly ResolvedCase[];
  mutants: readonly Mutant[];
  today: CalendarDate;
  catalog: ProtocolCatalog;
  strictCatalog: ProtocolCatalog;
  /** Cases in flight at once within one run (default 8). */
  concurrency?: number;
  /** Mutants run at once, each against its own embedded target (default 3). */
  parallelMutants?: number;
  onBaseline?: (results: readonly CaseResult[]) => void;
  onMutant?: (verdict: MutantVerdict) => void;
}

/** The sound reference ERP's results and every mutant's verdict. */
export interface SelfTestResult {
  baseline: CaseResult[];
  /** True when every case of the baseline passed (or was skipped). */
  baselinePassed: boolean;
  mutants: MutantVerdict[];
  /** Killed mutants over all mutants. */
  score: { killed: number; total: number };
}

/** A {@link Mutant} run: the suite (or the mutant's selection of it) against the ERP wrapped by it. */
export async function runMutant(
  mutant: Mutant,
  options: Omit<SelfTestOptions, 'mutants' | 'onBaseline' | 'onMutant' | 'parallelMutants'>,
): Promise<MutantVerdict> {
  const started = Date.now();
  const cases = selectCasesByGlob(options.cases, mutant.cases);
  const results = await runAgainst({
    ...options,
    cases,
    wrapVendorClient: (inner, vendor) =>
      new MutantFiksIoClient({ inner, vendor, catalog: options.catalog, behaviour: mutant.create() }),
  });
  return mutantVerdict(mutant, results, Date.now() - started);
}

/**
 * The mutation-tested suite: the suite against the sound reference ERP (every case must pass)
 * first, alone (its deadlines undisturbed), then against every mutant (each must be caught), a
 * few mutants at a time, each in its own embedded target, so none sees another's ledger.
 */
export async function runSelfTest(options: SelfTestOptions): Promise<SelfTestResult> {
  const { mutants, onBaseline, onMutant, parallelMutants, ...runOptions } = options;
  const baseline = await runAgainst(runOptions);
  onBaseline?.(baseline);
  const verdicts = new Map<string, MutantVerdict>();
  let next = 0;
  const lanes = Array.from(
    { length: Math.max(1, Math.min(parallelMutants ?? 3, mutants.length)) },
    async () => {
      while (next < mutants.length) {
        const mutant = mutants[next++]!;
        const verdict = await runMutant(mutant, runOptions);
        verdicts.set(mutant.name, verdict);
        onMutant?.(verdict);
      }
    },
  );
  await Promise.all(lanes);
  const ordered = mutants.map((m) => verdicts.get(m.name)!);
  return {
    baseline,
    baselinePassed: baseline.every((r) => r.verdict === 'pass' || r.verdict === 'skip'),
    mutants: ordered,
    score: { killed: ordered.filter((v) => v.outcome === 'killed').length, total: ordered.length },
  };
}
