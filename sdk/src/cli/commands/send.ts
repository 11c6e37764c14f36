import { basename } from 'node:path';
import type { CommandModule } from 'yargs';
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
export const sendCommand: CommandModule<object, SendArgs> = {
  command: 'send [files..]',
  describe: 'Seal files for an account and send them as one Fiks IO message',
  builder: (yargs) =>
    yargs
      .option('config', { type: 'string', demandOption: true, describe: 'SDK config file (JSON)' })
      .option('to', { type: 'string', demandOption: true, describe: 'The receiving account (kontoId)' })
      .option('type', { type: 'string', demandOption: true, describe: 'The message type (meldingType)' })
      .option('reply-to', { type: 'string', describe: 'The meldingId this message answers' })
      .option('ttl', {
        type: 'number',
        coerce: integerInRange('--ttl', 1000, Number.MAX_SAFE_INTEGER, 'milliseconds, at least 1000'),
        describe: 'Time to live in ms (at least 1000; default 2 days)',
      })
      .positional('files', { type: 'string', array: true, default: [], describe: 'Payload files' }) as never,
  handler: async (args) => {
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
};
