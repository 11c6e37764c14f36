import { readFileSync } from 'node:fs';
import { readCertificate } from '@fiks-faktura/sdk';
import { defineCommand } from '@fiks-faktura/sdk/cli';
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
export const verifyCommand = defineCommand<VerifyArgs>({
  name: 'verify',
  describe:
    "Check an evidence bundle offline: the harness's signature, every hash, the vendor's signatures, every reply's correlation",
  positionals: [BUNDLE_ARGUMENT],
  options: {
    trust: {
      type: 'string',
      placeholder: 'CERT',
      describe: "the harness's certificate (PEM): the bundle must be signed by exactly this one",
    },
  },
  exitCodes: [
    { code: 0, meaning: 'the bundle is intact' },
    { code: 1, meaning: 'it is not (every finding names the part and the hash or signature)' },
    { code: 2, meaning: 'the harness could not run (one line on stderr)' },
    { code: 64, meaning: 'usage error, or a bundle or --trust file that cannot be read' },
  ],
  run: async (args) => {
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
});
