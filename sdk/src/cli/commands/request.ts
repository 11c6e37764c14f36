import { FiksError } from '../../errors/fiks-error.js';
import type { RequestType } from '../../generated/registry.js';
import { defineCommand } from '../command-spec.js';
import { readInputFile } from '../input-file.js';
import { positiveInteger } from '../option-values.js';

interface RequestArgs {
  config: string;
  to: string;
  type: string;
  payload: string;
  deadline?: number;
  validate: boolean;
}

/** Exit code of `fiks-io request` when the other side said no or its answer does not conform. */
export const REQUEST_EXIT_FEILMELDING = 2;

/** Codes of an answer that breaks its protocol (the receiving side's fault, not the caller's). */
const NON_CONFORMING_ANSWER_CODES = ['REPLY_TYPE_NOT_ALLOWED', 'PAYLOAD_FILE_MISSING'];

/**
 * True for a failure of the answer rather than of the request: its reply type is not allowed, its
 * payload file is missing or no JSON, or it fails its schema (an outgoing payload failing its
 * schema names no `svarPaMelding`).
 */
export function isNonConformingAnswer(error: FiksError): boolean {
  if (NON_CONFORMING_ANSWER_CODES.includes(error.code)) return true;
  if (error.code === 'SCHEMA_INVALID') return error.details?.['svarPaMelding'] !== undefined;
  if (error.code === 'PAYLOAD_NOT_JSON') return error.details?.['file'] !== undefined;
  return false;
}

/**
 * `fiks-io request --config FILE --to KONTO --type TYPE --payload FILE [--deadline MS]`: sends a
 * protocol request and prints `{meldingType, payload, elapsedMs}` of its answer. Exit 0 for a
 * normal answer, 2 for a `feilmelding` answer or one that does not conform, 3 when the deadline
 * passes, 1 for anything else.
 */
export const requestCommand = defineCommand<RequestArgs>({
  name: 'request',
  describe: 'Send a protocol request and print its typed, validated answer',
  options: {
    config: { type: 'string', required: true, placeholder: 'FILE', describe: 'SDK config file (JSON)' },
    to: { type: 'string', required: true, placeholder: 'KONTO', describe: 'The receiving account (kontoId)' },
    type: { type: 'string', required: true, placeholder: 'TYPE', describe: 'The request message type' },
    payload: {
      type: 'string',
      required: true,
      placeholder: 'FILE',
      describe: 'The request payload (JSON file)',
    },
    deadline: {
      type: 'number',
      placeholder: 'MS',
      coerce: positiveInteger('--deadline'),
      describe: "Deadline in ms (default: the catalogue's, 10 000)",
    },
    validate: {
      type: 'boolean',
      default: true,
      describe: 'Check the payload against its schema before sending (--no-validate to send it as it is)',
    },
  },
  run: async (args) => {
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
    const [{ ProtocolCatalog }, { ProtocolRequester }, { createFiksIoClientFromFile }] = await Promise.all([
      import('../../protocol/protocol-catalog.js'),
      import('../../protocol/protocol-requester.js'),
      import('../../client/create-fiks-io-client.js'),
    ]);
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
});
