import { basename } from 'node:path';
import type { CommandModule } from 'yargs';
import { FiksError } from '../../errors/fiks-error.js';
import { readInputFile, requireReadableFile } from '../input-file.js';
import { writeWholeFile } from '../output-paths.js';

interface SealArgs {
  to: string;
  cert: string;
  key: string;
  out?: string;
  files: string[];
}

/**
 * `fiks-io seal --to CERT --cert CERT --key KEY [--out FILE] FILE...`: a signed, encrypted payload.
 * A key that does not belong to `--cert` is `KEY_CERT_MISMATCH` before anything is written; the
 * `--out` file appears whole or not at all.
 */
export const sealCommand: CommandModule<object, SealArgs> = {
  command: 'seal <files..>',
  describe: 'Put files in a signed ASiC-E container encrypted to the recipient (DER CMS)',
  builder: (yargs) =>
    yargs
      .positional('files', { type: 'string', array: true, demandOption: true, describe: 'Payload files' })
      .option('to', { type: 'string', demandOption: true, describe: "The recipient's certificate (PEM)" })
      .option('cert', { type: 'string', demandOption: true, describe: "The signer's certificate (PEM)" })
      .option('key', { type: 'string', demandOption: true, describe: "The signer's private key (PEM)" })
      .option('out', {
        type: 'string',
        describe: 'Write the envelope to this file (whole or not at all) instead of to stdout',
      }) as never,
  handler: async (args) => {
    const [{ keyMatchesCertificate, readCertificate, readPrivateKey }, { sealPayload }, { pipeline }, fs] =
      await Promise.all([
        import('../../crypto/key-material.js'),
        import('../../payload/seal.js'),
        import('node:stream/promises'),
        import('node:fs'),
      ]);
    const recipient = readCertificate(await readInputFile(args.to, '--to'));
    const certificate = readCertificate(await readInputFile(args.cert, '--cert'));
    const privateKey = readPrivateKey(await readInputFile(args.key, '--key'));
    if (!keyMatchesCertificate(privateKey, certificate))
      throw new FiksError(
        'KEY_CERT_MISMATCH',
        `The --key ${JSON.stringify(args.key)} does not belong to the --cert ${JSON.stringify(args.cert)}.`,
        { details: { key: args.key, cert: args.cert } },
      );
    for (const path of args.files) await requireReadableFile(path, 'the payload file');
    const sealed = () =>
      sealPayload({
        files: args.files.map((path) => ({ name: basename(path), data: path })),
        signer: { certificate, privateKey },
        recipient,
      });
    if (args.out === undefined) {
      await pipeline(sealed(), process.stdout, { end: false });
      return;
    }
    await writeWholeFile('--out', args.out, (temporary) =>
      pipeline(sealed(), fs.createWriteStream(temporary, { flags: 'wx' })),
    );
  },
};
