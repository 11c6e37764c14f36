import { join } from 'node:path';
import { FiksError } from '../../errors/fiks-error.js';
import { defineCommand } from '../command-spec.js';
import { exists, makeOutputDirectory } from '../output-paths.js';

interface KeygenArgs {
  cn: string;
  'out-dir': string;
  'org-number'?: string;
  force: boolean;
}

/**
 * `fiks-io keygen --cn NAME --out-dir DIR [--force]`: a PKCS#8 key and a self-signed certificate
 * for development. An existing key.pem or cert.pem is kept (`KEY_EXISTS`) unless `--force`; on a
 * failure nothing is left behind.
 */
export const keygenCommand = defineCommand<KeygenArgs>({
  name: 'keygen',
  describe: 'Create an RSA key (DIR/key.pem, PKCS#8) and a self-signed certificate (DIR/cert.pem)',
  options: {
    cn: { type: 'string', required: true, placeholder: 'NAME', describe: 'Common name of the certificate' },
    'out-dir': {
      type: 'string',
      required: true,
      placeholder: 'DIR',
      describe: 'Directory to write key.pem and cert.pem to (created when missing)',
    },
    'org-number': {
      type: 'string',
      placeholder: 'NUMBER',
      describe: 'Nine-digit organisation number to put in the certificate',
    },
    force: { type: 'boolean', default: false, describe: 'Replace an existing key.pem and cert.pem' },
  },
  run: async (args) => {
    const outDir = args['out-dir'];
    const keyPath = join(outDir, 'key.pem');
    const certPath = join(outDir, 'cert.pem');
    if (!args.force)
      for (const path of [keyPath, certPath])
        if (await exists(path))
          throw new FiksError(
            'KEY_EXISTS',
            `${JSON.stringify(path)} exists; keygen does not replace a key without --force.`,
            { details: { path } },
          );
    const folder = await makeOutputDirectory('--out-dir', outDir);
    const [{ generateDevCertificate }, { writeFile, rm }] = await Promise.all([
      import('../../crypto/dev-certificate.js'),
      import('node:fs/promises'),
    ]);
    try {
      const generated = await generateDevCertificate({
        commonName: args.cn,
        ...(args['org-number'] === undefined ? {} : { organizationNumber: args['org-number'] }),
      });
      const flag = args.force ? 'w' : 'wx';
      const written: string[] = [];
      try {
        await writeFile(keyPath, generated.privateKeyPem, { mode: 0o600, flag });
        written.push(keyPath);
        await writeFile(certPath, generated.certificatePem, { flag });
      } catch (error) {
        // Without --force a half pair is this run's own; with it the old pair is already gone.
        if (!args.force) await Promise.all(written.map((path) => rm(path, { force: true })));
        throw error;
      }
      process.stdout.write(
        `${JSON.stringify({
          key: keyPath,
          cert: certPath,
          subject: generated.certificate.subject,
          serialNumber: generated.certificate.serialNumber,
          fingerprint256: generated.certificate.fingerprint256,
        })}\n`,
      );
    } catch (error) {
      await folder.discard();
      throw error;
    }
  },
});
