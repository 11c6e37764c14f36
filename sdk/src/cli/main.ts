import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { FiksError, isFiksError } from '../errors/fiks-error.js';
import { keygenCommand } from './commands/keygen.js';
import { openCommand } from './commands/open.js';
import { sealCommand } from './commands/seal.js';

/** The one-line form every failure takes on stderr: `fiks-io: CODE: message`. */
function describeFailure(error: unknown): string {
  const failure = isFiksError(error)
    ? error
    : new FiksError('INTERNAL_ERROR', error instanceof Error ? error.message : String(error));
  return `fiks-io: ${failure.code}: ${failure.message.replaceAll('\n', ' ')}`;
}

try {
  await yargs(hideBin(process.argv))
    .scriptName('fiks-io')
    .command(keygenCommand)
    .command(sealCommand)
    .command(openCommand)
    .demandCommand(1, 'Name a command.')
    .strict()
    .exitProcess(false)
    .fail((message, error) => {
      throw error ?? new FiksError('USAGE', message);
    })
    .help()
    .parseAsync();
} catch (error) {
  process.stderr.write(`${describeFailure(error)}\n`);
  process.exitCode = 1;
}
