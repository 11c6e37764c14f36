import { runCommandLine } from '@fiks-faktura/sdk';
import { openItemsCommand } from './commands/open-items.js';
import { payCommand } from './commands/pay.js';
import { runJobsCommand } from './commands/run-jobs.js';
import { seedCommand } from './commands/seed.js';
import { serveCommand } from './commands/serve.js';
import { exitCodeOf } from './exit-code.js';

await runCommandLine({
  scriptName: 'reference-erp',
  commands: [serveCommand, seedCommand, openItemsCommand, payCommand, runJobsCommand],
  exitCodeOf,
});
