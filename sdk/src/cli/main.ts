import { keygenCommand } from './commands/keygen.js';
import { kontoCommand } from './commands/konto.js';
import { listenCommand } from './commands/listen.js';
import { openCommand } from './commands/open.js';
import { requestCommand } from './commands/request.js';
import { sealCommand } from './commands/seal.js';
import { sendCommand } from './commands/send.js';
import { runCommandLine } from './run-command-line.js';

/**
 * `fiks-io request` exits with 3 when the deadline passed (no answer in time, or Fiks IO reporting
 * the request expired unread); every other failure exits with 1.
 */
const EXIT_DEADLINE = 3;
const DEADLINE_CODES = ['DEADLINE_EXCEEDED', 'PLATFORM_TIMEOUT'];

await runCommandLine({
  scriptName: 'fiks-io',
  commands: [
    keygenCommand,
    sealCommand,
    openCommand,
    sendCommand,
    listenCommand,
    requestCommand,
    kontoCommand,
  ],
  exitCodeOf: (error) => (DEADLINE_CODES.includes(error.code) ? EXIT_DEADLINE : 1),
});
