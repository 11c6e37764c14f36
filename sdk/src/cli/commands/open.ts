import { join } from 'node:path';
import { defineCommand } from '../command-spec.js';
import { readInputFile, requireReadableFile } from '../input-file.js';
import { makeOutputDirectory, type OutputDirectory } from '../output-paths.js';

interface OpenArgs {
  key: string[];
  out?: string;
  trust?: string[];
  file: string;
}

/**
 * `fiks-io open --key KEY [--key KEY2 ...] [--out DIR] [--trust CERT] FILE`: decrypts, verifies
 * and writes the files to DIR (without --out they are only verified), then prints a JSON summary.
 * On a failure nothing is written, and a DIR this command created is removed again.
 */
export const openCommand = defineCommand<OpenArgs>({
  name: 'open',
  describe: 'Decrypt a payload, verify its signature and digests, and write its files',
  positionals: [{ name: 'file', required: true, describe: 'The encrypted payload (DER CMS)' }],
  options: {
    key: {
      type: 'string',
      required: true,
      repeatable: true,
      placeholder: 'KEY',
      describe: 'A private key to try (PEM); repeat --key for several',
    },
    out: { type: 'string', placeholder: 'DIR', describe: 'Directory to write the files to' },
    trust: {
      type: 'string',
      repeatable: true,
      placeholder: 'CERT',
      describe: 'Accept only signers with these certificates (PEM)',
    },
  },
  run: async (args) => {
    const [{ readCertificates, readPrivateKey }, { openPayload }, { mkdtemp, rm }, { tmpdir }] =
      await Promise.all([
        import('../../crypto/key-material.js'),
        import('../../payload/open.js'),
        import('node:fs/promises'),
        import('node:os'),
      ]);
    await requireReadableFile(args.file, 'the payload file');
    const privateKeys = [];
    for (const path of args.key) privateKeys.push(readPrivateKey(await readInputFile(path, '--key')));
    const trusted = [];
    for (const path of args.trust ?? [])
      trusted.push(...readCertificates(await readInputFile(path, '--trust')));
    const scratch = args.out === undefined ? await mkdtemp(join(tmpdir(), 'fiks-io-open-')) : undefined;
    let out: OutputDirectory | undefined;
    try {
      out = args.out === undefined ? undefined : await makeOutputDirectory('--out', args.out);
      // openPayload opens a small envelope in memory and streams a large one.
      const opened = await openPayload(args.file, {
        privateKeys,
        outDir: out?.path ?? scratch!,
        ...(args.trust === undefined ? {} : { trusted }),
      });
      const signer = opened.signature.status === 'verified' ? opened.signature.signer : undefined;
      const summary = {
        files: opened.files.map(({ name, size, sha256, mimeType }) => ({
          name,
          size,
          sha256,
          mimeType,
          ...(args.out === undefined ? {} : { path: join(args.out, name) }),
        })),
        signer:
          signer === undefined
            ? null
            : {
                subject: signer.subject,
                issuer: signer.issuer,
                serialNumber: signer.serialNumber,
                fingerprint256: signer.fingerprint256,
                validFrom: signer.validFrom,
                validTo: signer.validTo,
              },
        checks: opened.checks,
      };
      process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    } catch (error) {
      await out?.discard();
      throw error;
    } finally {
      if (scratch !== undefined) await rm(scratch, { recursive: true, force: true });
    }
  },
});
