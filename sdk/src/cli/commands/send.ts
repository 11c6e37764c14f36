import { basename } from 'node:path';
import { defineCommand } from '../command-spec.js';
import { integerInRange } from '../option-values.js';

interface SendArgs {
  config: string;
  to: string;
  type: string;
  'reply-to'?: string;
  ttl?: number;
  files: string[];
}

/** `fiks-io send --config FILE --to KONTO --type TYPE [--reply-to ID] [--ttl MS] [FILE...]`: prints the sent message. */
export const sendCommand = defineCommand<SendArgs>({
  name: 'send',
  describe: 'Seal files for an account and send them as one Fiks IO message',
  positionals: [{ name: 'files', variadic: true, describe: 'Payload files' }],
  options: {
    config: { type: 'string', required: true, placeholder: 'FILE', describe: 'SDK config file (JSON)' },
    to: { type: 'string', required: true, placeholder: 'KONTO', describe: 'The receiving account (kontoId)' },
    type: { type: 'string', required: true, placeholder: 'TYPE', describe: 'The message type (meldingType)' },
    'reply-to': { type: 'string', placeholder: 'MELDING', describe: 'The meldingId this message answers' },
    ttl: {
      type: 'number',
      placeholder: 'MS',
      coerce: integerInRange('--ttl', 1000, Number.MAX_SAFE_INTEGER, 'milliseconds, at least 1000'),
      describe: 'Time to live in ms (at least 1000; default 2 days)',
    },
  },
  run: async (args) => {
    const { createFiksIoClientFromFile } = await import('../../client/create-fiks-io-client.js');
    const { client } = await createFiksIoClientFromFile(args.config);
    try {
      const sent = await client.send({
        mottakerKontoId: args.to,
        meldingType: args.type,
        ...(args['reply-to'] === undefined ? {} : { svarPaMelding: args['reply-to'] }),
        ...(args.ttl === undefined ? {} : { ttlMs: args.ttl }),
        files: args.files.map((path) => ({ name: basename(path), data: path })),
      });
      process.stdout.write(`${JSON.stringify(sent)}\n`);
    } finally {
      await client.close();
    }
  },
});
