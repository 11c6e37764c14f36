import { runCommandLine } from '@fiks-faktura/sdk/cli';
import { openItemsCommand } from './commands/open-items.js';
import { payCommand } from './commands/pay.js';
import { runJobsCommand } from './commands/run-jobs.js';
import { seedCommand } from './commands/seed.js';
import { serveCommand } from './commands/serve.js';
import { EXIT_CODE, exitCodeOf } from './exit-code.js';

await runCommandLine({
  scriptName: 'reference-erp',
  packageJson: new URL('../../package.json', import.meta.url),
  commands: [serveCommand, seedCommand, openItemsCommand, payCommand, runJobsCommand],
  exitCodeOf,
  exitCodes: [
    { code: EXIT_CODE.refused, meaning: 'pay: refused (a duplicate or an over-payment; nothing booked)' },
  ],
});
