import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { generateDevCertificate } from '../../crypto/dev-certificate.js';

interface KeygenArgs {
  cn: string;
  'out-dir': string;
  'org-number'?: string;
}

/** `fiks-io keygen --cn NAME --out-dir DIR`: a PKCS#8 key and a self-signed certificate for development. */
export const keygenCommand: CommandModule<object, KeygenArgs> = {
  command: 'keygen',
  describe: 'Create an RSA key (DIR/key.pem, PKCS#8) and a self-signed certificate (DIR/cert.pem)',
  builder: (yargs) =>
    yargs
      .option('cn', { type: 'string', demandOption: true, describe: 'Common name of the certificate' })
      .option('out-dir', {
        type: 'string',
        demandOption: true,
        describe: 'Directory to write key.pem and cert.pem to',
      })
      .option('org-number', {
        type: 'string',
        describe: 'Nine-digit organisation number to put in the certificate',
      }),
  handler: async (args) => {
    const generated = await generateDevCertificate({
      commonName: args.cn,
      ...(args['org-number'] === undefined ? {} : { organizationNumber: args['org-number'] }),
    });
    await mkdir(args['out-dir'], { recursive: true });
    const keyPath = join(args['out-dir'], 'key.pem');
    const certPath = join(args['out-dir'], 'cert.pem');
    await writeFile(keyPath, generated.privateKeyPem, { mode: 0o600 });
    await writeFile(certPath, generated.certificatePem);
    process.stdout.write(
      `${JSON.stringify({
        key: keyPath,
        cert: certPath,
        subject: generated.certificate.subject,
        serialNumber: generated.certificate.serialNumber,
        fingerprint256: generated.certificate.fingerprint256,
      })}\n`,
    );
  },
};
