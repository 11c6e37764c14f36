import { FiksError, isFiksError } from '@fiks-faktura/sdk';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { openItemsCommand } from './commands/open-items.js';
import { payCommand } from './commands/pay.js';
import { seedCommand } from './commands/seed.js';
import { serveCommand } from './commands/serve.js';

/** The one-line form every failure takes on stderr: `reference-erp: CODE: message`. */
function describeFailure(error: unknown): string {
  const failure = isFiksError(error)
    ? error
    : new FiksError('INTERNAL_ERROR', error instanceof Error ? error.message : String(error));
  return `reference-erp: ${failure.code}: ${failure.message.replaceAll('\n', ' ')}`;
}

try {
  await yargs(hideBin(process.argv))
    .scriptName('reference-erp')
    .command(serveCommand)
    .command(seedCommand)
    .command(openItemsCommand)
    .command(payCommand)
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
