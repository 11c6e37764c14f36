import { readFileSync } from 'node:fs';
import { defineCommand } from '@fiks-faktura/sdk/cli';
import { type Rejudgement, readBundleText, rejudgeBundle, sha256Hex } from '../evidence/index.js';
import { buildRunReport, ConsoleProgress, type RunReport, writeReports } from '../report/index.js';
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
export const rejudgeCommand = defineCommand<RejudgeArgs>({
  name: 'rejudge',
  describe:
    "Judge an evidence bundle's recorded exchanges again with a suite and today's checks, sending nothing",
  positionals: [BUNDLE_ARGUMENT],
  options: {
    suite: {
      type: 'string',
      placeholder: 'DIR',
      describe: "the protocols folder whose cases, schemas and code lists judge (default: this harness's)",
    },
    'report-dir': {
      type: 'string',
      placeholder: 'DIR',
      describe: 'write report.json (with `changes`), junit.xml and report.html here',
    },
    'data-map': {
      type: 'string',
      placeholder: 'FILE',
      describe: 'the data map the run used, when it used one (JSON)',
    },
  },
  exitCodes: [
    { code: 0, meaning: 'nothing failed or errored (as `run`)' },
    { code: 1, meaning: "a case failed, or the coverage is below the run's --min-coverage" },
    { code: 2, meaning: 'only errors, or the bundle does not verify, or the harness could not run' },
    { code: 64, meaning: 'usage error, or a bundle or file that is invalid or not found' },
  ],
  run: async (args) => {
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
    process.exitCode = report.exitCode;
  },
});
