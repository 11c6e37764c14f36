/** A payload file's digest against the manifest's, whether its bytes were read or taken while streaming. */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { DataObjectReference } from './asic-manifest.js';
import { asiceFailure as fail } from './asice-error.js';
import type { StreamedZipEntry } from './streamed-zip.js';
import type { ZipArchiveEntry } from './zip-archive.js';

/** Throws `DIGEST_MISMATCH` unless `digest` (of the manifest's algorithm) is the manifest's. */
function checkDigest(reference: DataObjectReference, entry: ZipArchiveEntry, digest: Buffer): void {
  if (!digest.equals(reference.digest))
    throw fail(
      'DIGEST_MISMATCH',
      `The ${reference.digestAlgorithm} digest of ${JSON.stringify(entry.name)} does not match the manifest.`,
      { name: entry.name },
    );
}

/** Sums a payload file's bytes with SHA-256 and the manifest's algorithm, then checks the digest. */
export class FileDigest {
  private readonly sha256 = createHash('sha256');
  private readonly declared: Hash | undefined;

  constructor(private readonly reference: DataObjectReference) {
    this.declared =
      reference.digestAlgorithm === 'sha256' ? undefined : createHash(reference.digestAlgorithm);
  }

  update(chunk: Buffer): void {
    this.sha256.update(chunk);
    this.declared?.update(chunk);
  }

  /** The hex SHA-256, once the manifest's digest matched (`DIGEST_MISMATCH` otherwise). */
  verify(entry: ZipArchiveEntry): string {
    const digest = this.sha256.digest();
    checkDigest(this.reference, entry, this.declared?.digest() ?? digest);
    return digest.toString('hex');
  }
}

/**
 * The hex SHA-256 of a payload file taken while streaming, once the manifest's digest matched;
 * a manifest using another algorithm than SHA-256 has the bytes read again.
 */
export async function verifyStreamedDigest(
  reference: DataObjectReference,
  entry: ZipArchiveEntry,
  taken: StreamedZipEntry,
): Promise<string> {
  if (reference.digestAlgorithm === 'sha256') checkDigest(reference, entry, taken.sha256);
  else {
    const declared = createHash(reference.digestAlgorithm);
    if (taken.data !== undefined) declared.update(taken.data);
    else for await (const chunk of createReadStream(taken.stagedPath!)) declared.update(chunk as Buffer);
    checkDigest(reference, entry, declared.digest());
  }
  return taken.sha256.toString('hex');
}
