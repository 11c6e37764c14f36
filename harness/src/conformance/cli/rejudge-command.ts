import { readFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { type Rejudgement, readBundleText, rejudgeBundle, sha256Hex } from '../evidence/index.js';
import {
  buildRunReport,
  ConsoleProgress,
  exitCodeOf,
  type RunReport,
  writeReports,
} from '../report/index.js';
import { loadDataMap } from '../suite/index.js';
import { BUNDLE_ARGUMENT } from './bundle-argument.js';

interface RejudgeArgs {
  bundle: string;
  suite?: string;
  'report-dir'?: string;
  'data-map'?: string;
}

/** A run's report of the rejudged cases, with the changed verdicts (`changes`). */
function rejudgedReport(rejudged: Rejudgement): RunReport & Pick<Rejudgement, 'changes'> {
  const report = buildRunReport(
    {
      ...rejudged.run,
      suiteHash: rejudged.suiteHash,
      warnings: [
        ...(rejudged.run.warnings ?? []),
        `Rejudged from the evidence bundle ${rejudged.bundleSha256} (recorded with suite ${rejudged.run.suiteHash}); nothing was sent`,
      ],
    },
    rejudged.cases,
    { protocolSpecs: rejudged.protocolSpecs },
  );
  return { ...report, changes: rejudged.changes };
}

/** `fiks-conformance rejudge BUNDLE`: judges a recorded run again with another suite, sending nothing. */
export const rejudgeCommand: CommandModule<object, RejudgeArgs> = {
  command: 'rejudge <bundle>',
  describe:
    "Judge an evidence bundle's recorded exchanges again with a suite and today's checks, sending nothing",
  builder: (yargs) =>
    yargs
      .positional('bundle', BUNDLE_ARGUMENT)
      .option('suite', {
        type: 'string',
        describe: "the protocols folder whose cases, schemas and code lists judge (default: this harness's)",
      })
      .option('report-dir', {
        type: 'string',
        describe: 'write report.json (with `changes`), junit.xml and report.html here',
      })
      .option('data-map', { type: 'string', describe: 'the data map the run used, when it used one (JSON)' })
      .epilogue(
        'Exit codes as `run`: 0 nothing failed or errored, 1 a case failed, 2 only errors or the bundle does not verify, 64 a usage error.',
      ) as never,
  handler: async (args) => {
    const text = await readBundleText(args.bundle);
    const dataMapPath = args['data-map'];
    const dataMap =
      dataMapPath === undefined
        ? undefined
        : { map: loadDataMap(dataMapPath)!, sha256: sha256Hex(readFileSync(dataMapPath)) };
    const rejudged = rejudgeBundle(text, {
      ...(args.suite === undefined ? {} : { suiteRoot: args.suite }),
      ...(dataMap === undefined ? {} : { dataMap }),
    });
    const report = rejudgedReport(rejudged);
    const write = (line: string) => process.stdout.write(`${line}\n`);
    const written = args['report-dir'] === undefined ? [] : await writeReports(args['report-dir'], report);
    new ConsoleProgress(write, report.cases.length).summary(report, written);
    write('');
    if (report.changes.length === 0) write('Verdicts changed: none (every case and check as recorded)');
    else {
      write(`Verdicts changed: ${report.changes.length} case(s)`);
      for (const change of report.changes) {
        write(`  ${change.case}: ${change.was} → ${change.now}`);
        for (const c of change.checks)
          write(
            `    ${c.id}${c.step === null ? '' : ` (step ${c.step})`}: ${c.was ?? 'not run'} → ${c.now ?? 'not run'}`,
          );
      }
    }
    process.exitCode = exitCodeOf(report);
  },
};
