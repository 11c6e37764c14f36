import { readFileSync } from 'node:fs';
import { readCertificate } from '@fiks-faktura/sdk';
import type { CommandModule } from 'yargs';
import { EvidenceError, readBundleText, verifyBundle } from '../evidence/index.js';
import { BUNDLE_ARGUMENT } from './bundle-argument.js';

interface VerifyArgs {
  bundle: string;
  trust?: string;
}

function trustedCertificate(path: string) {
  try {
    return readCertificate(readFileSync(path));
  } catch (error) {
    throw new EvidenceError(
      'TRUST_CERT_INVALID',
      `--trust ${path}: not a readable PEM or DER certificate (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
}

/** `fiks-conformance verify BUNDLE [--trust CERT]`: checks an evidence bundle offline. */
export const verifyCommand: CommandModule<object, VerifyArgs> = {
  command: 'verify <bundle>',
  describe:
    "Check an evidence bundle offline: the harness's signature, every hash, the vendor's signatures, every reply's correlation",
  builder: (yargs) =>
    yargs
      .positional('bundle', BUNDLE_ARGUMENT)
      .option('trust', {
        type: 'string',
        describe: "the harness's certificate (PEM): the bundle must be signed by exactly this one",
      })
      .epilogue(
        'Exit codes: 0 the bundle is intact, 1 it is not (every finding names the part and the hash or signature), 64 a usage error or an unreadable file.',
      ) as never,
  handler: async (args) => {
    const trust = args.trust === undefined ? undefined : trustedCertificate(args.trust);
    const outcome = verifyBundle(await readBundleText(args.bundle), trust === undefined ? {} : { trust });
    const out = (line: string) => process.stdout.write(`${line}\n`);
    const { parts, replies, vendorSignatures } = outcome.counted;
    if (outcome.valid) {
      out(`VALID ${args.bundle}`);
      out(`  content SHA-256 ${outcome.contentSha256}`);
      out(
        `  signed by ${outcome.signer}${trust === undefined ? ' (not checked against a trusted certificate: --trust)' : ' (the trusted certificate)'}`,
      );
      out(
        `  ${parts} parts intact, ${replies} replies correlated, ${vendorSignatures} vendor signatures verified`,
      );
      process.exitCode = 0;
      return;
    }
    out(`INVALID ${args.bundle}: ${outcome.findings.length} finding(s)`);
    for (const f of outcome.findings) out(`  ${f.part}: ${f.check}: ${f.message}`);
    process.exitCode = 1;
  },
};
