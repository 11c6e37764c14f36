import type { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Signer } from '@fiks-faktura/sdk';
import type { CaseResult } from '../model/case-result.js';
import type { RunMeta } from '../report/index.js';
import type { ConformanceTarget } from '../runner/conformance-target.js';
import { judgedBy } from './judged-by.js';
import { sha256Hex, writeEvidenceBundle } from './write-bundle.js';

/** The harness's keys a bundle needs: its signer, and the certificate whose key opens the replies. */
export interface EvidenceKeys {
  signer: Signer;
  sealTo: X509Certificate;
}

/** Taken from the target before the run (its connection is closed after it). */
export async function evidenceKeysOf(target: ConformanceTarget): Promise<EvidenceKeys> {
  const { connection, signer } = target.harness;
  return { signer, sealTo: await connection.recipientCertificate(connection.kontoId) };
}

/** Writes the run's evidence bundle to `path`; returns its content address (hex SHA-256 of the signed index). */
export function writeRunEvidence(
  path: string,
  run: {
    meta: RunMeta;
    cases: CaseResult[];
    suite: { root: string; hash: string };
    target: ConformanceTarget;
    keys: EvidenceKeys;
    dataMapPath: string | undefined;
  },
): Promise<string> {
  return writeEvidenceBundle(path, {
    run: run.meta,
    cases: run.cases,
    judgedBy: judgedBy(run.suite, run.meta.harness),
    dataMapSha256: run.dataMapPath === undefined ? null : sha256Hex(readFileSync(run.dataMapPath)),
    ...(run.target.vendorCertificate === undefined
      ? {}
      : { vendorCertificate: run.target.vendorCertificate }),
    signer: run.keys.signer,
    sealTo: run.keys.sealTo,
  });
}
