// `npm run selftest`: the mutation-tested suite. Runs the conformance suite against the sound
// reference ERP (every case must pass) and against every mutant of the catalogue (each must be
// caught), prints the table, and exits 1 when the baseline fails or a mutant survives.
// Arguments: mutant names (or parts of them) to run only those.
import { type CalendarDate, ProtocolCatalog, parseCalendarDate } from '@fiks-faktura/sdk';
import { loadProfile, loadSuite, resolveCase } from '../harness/src/conformance/suite/index.js';
import { MUTANTS } from '../harness/src/selftest/mutants/index.js';
import { runSelfTest } from '../harness/src/selftest/run-self-test.js';
import { formatSelfTest } from '../harness/src/selftest/self-test-table.js';

const filters = process.argv.slice(2);
const mutants = MUTANTS.filter((m) => filters.length === 0 || filters.some((f) => m.name.includes(f)));
if (mutants.length === 0) {
  console.error(`selftest: USAGE: no mutant matches ${filters.join(', ')}`);
  process.exit(64);
}
const today: CalendarDate = parseCalendarDate(new Date().toISOString().slice(0, 10));
const profile = loadProfile();
const cases = loadSuite().cases.map((c) => resolveCase(c, { today, profile }));
const started = Date.now();
const result = await runSelfTest({
  cases,
  mutants,
  today,
  catalog: ProtocolCatalog.load(),
  strictCatalog: ProtocolCatalog.load({ strict: true }),
  onBaseline: (baseline) => console.error(`baseline: ${baseline.length} cases run`),
  onMutant: (verdict) =>
    console.error(`${verdict.name}: ${verdict.outcome} (${(verdict.durationMs / 1000).toFixed(1)} s)`),
});
console.log(formatSelfTest(result));
console.log(`self-test took ${((Date.now() - started) / 1000).toFixed(0)} s`);
const survivors = result.mutants.filter((m) => m.outcome === 'survived');
if (!result.baselinePassed || survivors.length > 0) process.exitCode = 1;
