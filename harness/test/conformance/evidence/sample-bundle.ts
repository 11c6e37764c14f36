// An evidence bundle built in memory from sample case results, signed by and sealed to one
// harness key, for the tests that read bundles without a run.
import {
  buildEvidenceBundle,
  type EvidenceBundle,
  type EvidenceInput,
} from '../../../src/conformance/evidence/index.js';
import type { CaseResult } from '../../../src/conformance/model/case-result.js';
import { runMeta } from '../report/sample-results.js';

/** The bundle of `cases`, signed by `harness` and sealed to its certificate; `vendorCertificate` when given. */
export function sampleBundle(
  harness: EvidenceInput['signer'],
  cases: CaseResult[],
  vendorCertificate?: EvidenceInput['vendorCertificate'],
): EvidenceBundle {
  return buildEvidenceBundle({
    run: runMeta(),
    cases,
    judgedBy: {
      harness: { name: 'h', version: '0' },
      suiteHash: 'a'.repeat(64),
      suiteFiles: [],
      lockfile: null,
    },
    dataMapSha256: null,
    signer: { certificate: harness.certificate, privateKey: harness.privateKey },
    sealTo: harness.certificate,
    ...(vendorCertificate === undefined ? {} : { vendorCertificate }),
  });
}
