// The `fiks-conformance` command line: run, list, fixtures, verify, rejudge.
import type { FiksError } from '@fiks-faktura/sdk';
import { runCommandLine } from '@fiks-faktura/sdk/cli';
import { fixturesCommand } from './fixtures-command.js';
import { listCommand } from './list-command.js';
import { rejudgeCommand } from './rejudge-command.js';
import { runCommand } from './run-command.js';
import { verifyCommand } from './verify-command.js';

/**
 * 64 for an unusable input file (the runner gives a usage error 64 itself); 2 when the harness or
 * the platform could not run.
 */
function exitCodeOf(error: FiksError): number {
  if (error.code.endsWith('_INVALID') || error.code.endsWith('_NOT_FOUND')) return 64;
  return 2;
}

await runCommandLine({
  scriptName: 'fiks-conformance',
  commands: [runCommand, listCommand, fixturesCommand, verifyCommand, rejudgeCommand],
  packageJson: new URL('../../../package.json', import.meta.url),
  exitCodeOf,
  exitCodes: [
    { code: 1, meaning: 'run, rejudge: a case failed; verify: the bundle is not intact' },
    {
      code: 2,
      meaning:
        'run, rejudge: no case failed but some errored; rejudge: the bundle does not verify; any other failure (the harness could not run)',
    },
    { code: 64, meaning: 'usage error, or an input file that is invalid or not found' },
  ],
});
