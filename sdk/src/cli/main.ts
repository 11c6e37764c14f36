import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { FiksError, isFiksError } from '../errors/fiks-error.js';
import { keygenCommand } from './commands/keygen.js';
import { kontoCommand } from './commands/konto.js';
import { listenCommand } from './commands/listen.js';
import { openCommand } from './commands/open.js';
import { requestCommand } from './commands/request.js';
import { sealCommand } from './commands/seal.js';
import { sendCommand } from './commands/send.js';

/**
 * `fiks-io request` exits with 3 when the deadline passed (no answer in time, or Fiks IO reporting
 * the request expired unread); every other failure exits with 1.
 */
const EXIT_DEADLINE = 3;
const DEADLINE_CODES = ['DEADLINE_EXCEEDED', 'PLATFORM_TIMEOUT'];

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
    .command(sendCommand)
    .command(listenCommand)
    .command(requestCommand)
    .command(kontoCommand)
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
  process.exitCode = isFiksError(error) && DEADLINE_CODES.includes(error.code) ? EXIT_DEADLINE : 1;
}
