import type { CommandModule } from 'yargs';
import { createFiksIoClientFromFile } from '../../client/create-fiks-io-client.js';
import { FiksError } from '../../errors/fiks-error.js';
import type { RequestType } from '../../generated/registry.js';
import { ProtocolCatalog } from '../../protocol/protocol-catalog.js';
import { ProtocolRequester } from '../../protocol/protocol-requester.js';
import { readInputFile } from '../input-file.js';

interface RequestArgs {
  config: string;
  to: string;
  type: string;
  payload: string;
  deadline?: number;
  validate: boolean;
}

/** Exit codes of `fiks-io request` (a deadline that passes exits with 3 through the CLI's error path). */
export const REQUEST_EXIT_FEILMELDING = 2;

/**
 * `fiks-io request --config FILE --to KONTO --type TYPE --payload FILE [--deadline MS]`: sends a
 * protocol request and prints `{meldingType, payload, elapsedMs}` of its answer. Exit 0 for a
 * normal answer, 2 for a `feilmelding` answer, 3 when the deadline passes, 1 for anything else.
 */
export const requestCommand: CommandModule<object, RequestArgs> = {
  command: 'request',
  describe: 'Send a protocol request and print its typed, validated answer',
  builder: (yargs) =>
    yargs
      .option('config', { type: 'string', demandOption: true, describe: 'SDK config file (JSON)' })
      .option('to', { type: 'string', demandOption: true, describe: 'The receiving account (kontoId)' })
      .option('type', { type: 'string', demandOption: true, describe: 'The request message type' })
      .option('payload', { type: 'string', demandOption: true, describe: 'The request payload (JSON file)' })
      .option('deadline', { type: 'number', describe: "Deadline in ms (default: the catalogue's, 10 000)" })
      .option('validate', {
        type: 'boolean',
        default: true,
        describe: 'Check the payload against its schema before sending (--no-validate to send it as it is)',
      }) as never,
  handler: async (args) => {
    let payload: unknown;
    try {
      payload = JSON.parse((await readInputFile(args.payload, '--payload')).toString('utf8'));
    } catch (error) {
      if (error instanceof FiksError) throw error;
      throw new FiksError(
        'PAYLOAD_NOT_JSON',
        `The --payload file is not valid JSON: ${(error as Error).message}`,
      );
    }
    const catalog = ProtocolCatalog.load();
    const { client } = await createFiksIoClientFromFile(args.config);
    const requester = new ProtocolRequester(client, catalog);
    try {
      await requester.start();
      const answer = await requester.request(args.type as RequestType, payload as never, {
        to: args.to,
        validate: args.validate,
        ...(args.deadline === undefined ? {} : { deadlineMs: args.deadline }),
      });
      const { meldingType, elapsedMs } = answer;
      process.stdout.write(
        `${JSON.stringify({ meldingType, payload: answer.payload, elapsedMs: Math.round(elapsedMs) })}\n`,
      );
      if (catalog.entry(meldingType)?.isError) process.exitCode = REQUEST_EXIT_FEILMELDING;
    } finally {
      await client.close({ graceMs: 1000 });
    }
  },
};
