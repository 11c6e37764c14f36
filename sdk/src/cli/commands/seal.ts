import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { CommandModule } from 'yargs';
import { readCertificate, readPrivateKey } from '../../crypto/key-material.js';
import { sealPayload } from '../../payload/seal.js';
import { readInputFile } from '../input-file.js';

interface SealArgs {
  to: string;
  cert: string;
  key: string;
  out?: string;
  files: string[];
}

/** `fiks-io seal --to CERT --cert CERT --key KEY [--out FILE] FILE...`: a signed, encrypted payload. */
export const sealCommand: CommandModule<object, SealArgs> = {
  command: 'seal <files..>',
  describe: 'Put files in a signed ASiC-E container encrypted to the recipient (DER CMS)',
  builder: (yargs) =>
    yargs
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'Payload files' })
      .option('to', { type: 'string', demandOption: true, describe: "The recipient's certificate (PEM)" })
      .option('cert', { type: 'string', demandOption: true, describe: "The signer's certificate (PEM)" })
      .option('key', { type: 'string', demandOption: true, describe: "The signer's private key (PEM)" })
      .option('out', { type: 'string', describe: 'Write the envelope here instead of to stdout' }) as never,
  handler: async (args) => {
    const recipient = readCertificate(await readInputFile(args.to, '--to'));
    const certificate = readCertificate(await readInputFile(args.cert, '--cert'));
    const privateKey = readPrivateKey(await readInputFile(args.key, '--key'));
    const sealed = sealPayload({
      files: args.files.map((path) => ({ name: basename(path), data: path })),
      signer: { certificate, privateKey },
      recipient,
    });
    if (args.out === undefined) {
      await pipeline(sealed, process.stdout, { end: false });
      return;
    }
    try {
      await pipeline(sealed, createWriteStream(args.out));
    } catch (error) {
      await rm(args.out, { force: true });
      throw error;
    }
  },
};
