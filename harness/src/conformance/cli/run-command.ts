import { type CalendarDate, FiksError, ProtocolCatalog, parseCalendarDate } from '@fiks-faktura/sdk';
import { defineCommand } from '@fiks-faktura/sdk/cli';
import type { LiveRun } from '../dashboard/index.js';
import { evidenceKeysOf, writeRunEvidence } from '../evidence/index.js';
import {
  applyExpectedFailures,
  buildRunReport,
  ConsoleProgress,
  loadExpectedFailures,
  type RunMeta,
  writeReports,
} from '../report/index.js';
import { runSuite, type SuiteRun } from '../runner/run-suite.js';
import { loadDataMap, loadProfile, loadSuite, resolveCase, selectCases } from '../suite/index.js';
import { checkTargetOptions, chooseTarget } from './choose-target.js';
import { harnessIdentity } from './harness-version.js';
import { withDashboard } from './run-dashboard.js';
import { RUN_OPTIONS, type RunArgs } from './run-options.js';

function todayOf(args: RunArgs): CalendarDate {
  if (args.today === undefined) return norwegianToday();
  try {
    return parseCalendarDate(args.today);
  } catch {
    throw new FiksError('USAGE', `--today must be a date YYYY-MM-DD, not ${JSON.stringify(args.today)}`);
  }
}

const osloDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today in Norway, which is what "today" means in the rules. */
function norwegianToday(): CalendarDate {
  return parseCalendarDate(osloDay.format(new Date()));
}

/** Runs the suite as the options say, writes the reports and sets the exit code from the verdicts. */
async function run(args: RunArgs, live: LiveRun | undefined): Promise<void> {
  checkTargetOptions(args);
  const { repeat, concurrency } = args;
  const minCoverage = args['min-coverage'];
  const today = todayOf(args);
  const suite = loadSuite();
  const profile = loadProfile(args.profile);
  const dataMap = loadDataMap(args['data-map']);
  const expected =
    args['expect-failures'] === undefined ? undefined : loadExpectedFailures(args['expect-failures']);
  const selected = selectCases(suite, {
    ...(args.protocol === undefined ? {} : { protocols: args.protocol }),
    ...(args.case === undefined ? {} : { caseGlob: args.case }),
    ...(args.situation === undefined ? {} : { situation: args.situation }),
  }).filter((c) => args.generated || c.generated !== true);
  if (selected.length === 0)
    throw new FiksError('USAGE', 'No case matches the filters (--protocol, --case, --situation)');
  const cases = selected.map((c) =>
    resolveCase(c, { today, profile, ...(dataMap === undefined ? {} : { dataMap }) }),
  );
  const catalog = ProtocolCatalog.load();
  const strictCatalog = ProtocolCatalog.load({ strict: true });
  const write = (line: string) => process.stdout.write(`${line}\n`);
  const startedAt = new Date();
  const target = await chooseTarget(args, { today, catalog, announce: write });
  // Taken before the run (the target's connection closes after it); a failure still closes the target.
  const evidenceKeys =
    args.evidence === undefined
      ? undefined
      : await evidenceKeysOf(target).catch(async (error: unknown) => {
          await target.close();
          throw error;
        });
  const progress = new ConsoleProgress(write, cases.length);
  live?.runStarted(cases);
  let outcome: SuiteRun;
  try {
    outcome = await runSuite({
      cases,
      target,
      catalog,
      judge: { strictCatalog, today },
      repeat,
      concurrency,
      failFast: args['fail-fast'],
      onCaseStarted: (c) => {
        progress.caseStarted(c.id);
        live?.caseStarted(c);
      },
      onCaseFinished: (result) => {
        progress.caseFinished(result);
        live?.caseFinished(result);
      },
      ...(live === undefined ? {} : { onStep: (step) => live.step(step) }),
    });
  } finally {
    await target.close();
  }
  const results = expected === undefined ? outcome.cases : applyExpectedFailures(outcome.cases, expected);
  const meta: RunMeta = {
    harness: harnessIdentity(),
    suiteHash: suite.hash,
    target: target.kind,
    vendor: {
      kontoId: target.vendorKontoId,
      ...(target.vendorName === undefined ? {} : { name: target.vendorName }),
    },
    harnessAccount: target.harness.connection.kontoId,
    today,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    profile: { path: args.profile ?? null, values: profile },
    filters: {
      protocols: args.protocol ?? [],
      case: args.case === undefined ? null : args.case.join(' '),
      situation: args.situation ?? null,
      generated: args.generated,
    },
    repeat,
    concurrency,
    timingSource: target.platformTimeline === undefined ? 'harness' : 'emulator',
    ...(expected === undefined ? {} : { expectedFailures: expected }),
    ...(minCoverage === undefined ? {} : { minCoverage }),
    warnings: outcome.strayReplies.map(
      (reply) =>
        `A ${reply.meldingType} (meldingId ${reply.meldingId}) arrived that answers no request of this run${reply.svarPaMelding === undefined ? '' : ` (svarPaMelding ${reply.svarPaMelding})`}`,
    ),
  };
  const report = buildRunReport(meta, results);
  const written = args['report-dir'] === undefined ? [] : await writeReports(args['report-dir'], report);
  progress.summary(report, written);
  live?.runFinished(report);
  if (args.evidence !== undefined && evidenceKeys !== undefined) {
    const address = await writeRunEvidence(args.evidence, {
      meta,
      cases: results,
      suite,
      target,
      keys: evidenceKeys,
      dataMapPath: args['data-map'],
    });
    write(`Evidence bundle: ${args.evidence} (content SHA-256 ${address})`);
  }
  process.exitCode = report.exitCode;
}

/** `fiks-conformance run`. */
export const runCommand = defineCommand<RunArgs>({
  name: 'run',
  describe: 'Run the conformance suite against an invoicing system and judge every answer',
  options: RUN_OPTIONS,
  exitCodes: [
    { code: 0, meaning: 'nothing failed or errored' },
    { code: 1, meaning: 'a case failed, or the coverage is below --min-coverage' },
    {
      code: 2,
      meaning:
        'no case failed but some errored (the harness or the platform failed, never the vendor; also when every case errored and the coverage is below --min-coverage), or the harness could not run',
    },
    { code: 64, meaning: 'usage error, or an input file that is invalid or not found' },
  ],
  run: (args) => withDashboard(args, (live) => run(args, live)),
});
