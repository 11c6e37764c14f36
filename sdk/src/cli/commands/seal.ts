import { basename } from 'node:path';
import { FiksError } from '../../errors/fiks-error.js';
import { defineCommand } from '../command-spec.js';
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
export const sealCommand = defineCommand<SealArgs>({
  name: 'seal',
  describe: 'Put files in a signed ASiC-E container encrypted to the recipient (DER CMS)',
  positionals: [{ name: 'files', variadic: true, required: true, describe: 'Payload files' }],
  options: {
    to: {
      type: 'string',
      required: true,
      placeholder: 'CERT',
      describe: "The recipient's certificate (PEM)",
    },
    cert: { type: 'string', required: true, placeholder: 'CERT', describe: "The signer's certificate (PEM)" },
    key: { type: 'string', required: true, placeholder: 'KEY', describe: "The signer's private key (PEM)" },
    out: {
      type: 'string',
      placeholder: 'FILE',
      describe: 'Write the envelope to this file (whole or not at all) instead of to stdout',
    },
  },
  run: async (args) => {
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
});
