import type { FiksError } from '../errors/fiks-error.js';
import { keygenCommand } from './commands/keygen.js';
import { kontoCommand } from './commands/konto.js';
import { listenCommand } from './commands/listen.js';
import { openCommand } from './commands/open.js';
import { isNonConformingAnswer, REQUEST_EXIT_FEILMELDING, requestCommand } from './commands/request.js';
import { sealCommand } from './commands/seal.js';
import { sendCommand } from './commands/send.js';
import { runCommandLine } from './run-command-line.js';

/**
 * `fiks-io` exits with 2 when the other side said no (a `feilmelding` answer) or its answer does not
 * conform (a reply type its request does not allow, a payload failing its schema), with 3 when the
 * deadline passed (no answer in time, or Fiks IO reporting the request expired unread); every other
 * failure exits with 1, a usage error with 64.
 */
const EXIT_DEADLINE = 3;
const DEADLINE_CODES = ['DEADLINE_EXCEEDED', 'PLATFORM_TIMEOUT'];

function exitCodeOf(error: FiksError): number {
  if (DEADLINE_CODES.includes(error.code)) return EXIT_DEADLINE;
  if (isNonConformingAnswer(error)) return REQUEST_EXIT_FEILMELDING;
  return 1;
}

await runCommandLine({
  scriptName: 'fiks-io',
  packageJson: new URL('../../package.json', import.meta.url),
  commands: [
    keygenCommand,
    sealCommand,
    openCommand,
    sendCommand,
    listenCommand,
    requestCommand,
    kontoCommand,
  ],
  exitCodeOf,
  exitCodes: [
    { code: 2, meaning: 'request: the answer is a feilmelding, or does not conform to the protocol' },
    { code: EXIT_DEADLINE, meaning: 'request: no answer before the deadline' },
  ],
});
