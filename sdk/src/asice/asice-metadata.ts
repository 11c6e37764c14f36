/**
 * The checks before the payload files are read: layout, mimetype, manifest, signature, and the
 * manifest against the entries. Shared by every reader of a container.
 */
import { verifyDetached } from '../crypto/cms-signature.js';
import { ASICE_MIMETYPE, type AsicManifest, type DataObjectReference } from './asic-manifest.js';
import { parseAsicManifest } from './asic-manifest-parser.js';
import type { AsiceContents, AsiceFile, AsiceSignature, ReadAsiceOptions } from './asice-contents.js';
import { type AsiceError, asiceFailure as fail } from './asice-error.js';
import { classify, type Layout } from './asice-layout.js';
import { type AsiceLimits, RATIO_GRACE_BYTES } from './asice-limits.js';
import type { InflateBounds, ZipArchive, ZipArchiveEntry } from './zip-archive.js';

function referenceFor(manifest: AsicManifest, name: string): DataObjectReference | undefined {
  return manifest.references.find((r) => r.uri === name || safeDecode(r.uri) === name);
}

function safeDecode(uri: string): string | undefined {
  try {
    return decodeURIComponent(uri);
  } catch {
    return undefined;
  }
}

/** Everything verified before the payload files are read. */
export interface VerifiedMetadata {
  layout: Layout;
  manifest: AsicManifest;
  signature: AsiceSignature;
  planned: Array<{ reference: DataObjectReference; entry: ZipArchiveEntry }>;
}

/**
 * The checks before the payload files: layout, mimetype, manifest, signature, and the manifest
 * against the entries. Written once; yields each small entry it needs and is given its bytes, so
 * that in-memory containers run it synchronously and files with awaited reads.
 */
export function* verifyMetadata(
  entries: ZipArchiveEntry[],
  limits: AsiceLimits,
  options: ReadAsiceOptions,
): Generator<ZipArchiveEntry, VerifiedMetadata, Buffer> {
  const layout = classify(entries, limits);
  if (layout.mimetype !== undefined) {
    const content = (yield layout.mimetype).toString('latin1');
    if (content.trim() !== ASICE_MIMETYPE)
      throw fail('MIMETYPE_INVALID', `The mimetype entry says ${JSON.stringify(content.slice(0, 80))}.`, {
        expected: ASICE_MIMETYPE,
      });
  }
  const manifestBytes = yield layout.manifest;
  const manifest = parseAsicManifest(manifestBytes, limits.maxEntries);

  const signatureEntry = signatureEntryOf(manifest, layout, options);
  const signature =
    signatureEntry === undefined
      ? ({ status: 'absent' } as const)
      : verifySignature(yield signatureEntry, signatureEntry, layout.manifest, manifestBytes, options);

  for (const name of layout.data.keys())
    if (referenceFor(manifest, name) === undefined)
      throw fail('ENTRY_NOT_IN_MANIFEST', `The file ${JSON.stringify(name)} is not listed in the manifest.`, {
        name,
      });
  const planned = manifest.references.map((reference) => {
    const entry =
      layout.data.get(reference.uri) ?? layout.data.get(safeDecode(reference.uri) ?? reference.uri);
    if (entry === undefined)
      throw fail(
        'MANIFEST_ENTRY_MISSING',
        `The manifest lists ${JSON.stringify(reference.uri)}, which is not in the container.`,
        {
          uri: reference.uri,
        },
      );
    return { reference, entry };
  });
  if (planned.length !== layout.data.size)
    throw fail('ASICE_MALFORMED', 'The manifest lists one payload file under two names.');

  const declaredData = planned.reduce((sum, p) => sum + p.entry.size, 0);
  if (options.outDir === undefined && declaredData > limits.maxInMemoryBytes)
    throw fail(
      'LIMIT_EXCEEDED',
      `The payload files hold ${declaredData} bytes, more than the ${limits.maxInMemoryBytes} kept in memory; give an output directory.`,
      { limit: limits.maxInMemoryBytes },
    );
  return { layout, manifest, signature, planned };
}

/** The read bounds of one container: every entry counts against the shared total. */
export function boundsOf(limits: AsiceLimits): (maxBytes: number) => InflateBounds {
  const total = { remaining: limits.maxTotalBytes, limit: limits.maxTotalBytes };
  return (maxBytes) => ({
    maxBytes,
    maxRatio: limits.maxCompressionRatio,
    ratioGraceBytes: RATIO_GRACE_BYTES,
    total,
  });
}

export function inMemoryExceeded(limits: Pick<AsiceLimits, 'maxInMemoryBytes'>): AsiceError {
  return fail('LIMIT_EXCEEDED', `The payload files inflate to more than ${limits.maxInMemoryBytes} bytes.`, {
    limit: limits.maxInMemoryBytes,
  });
}

export function contentsOf(
  files: AsiceFile[],
  metadata: VerifiedMetadata,
  options: ReadAsiceOptions,
): AsiceContents {
  const { layout, manifest, signature } = metadata;
  return {
    files,
    signature,
    checks: {
      mimetype: layout.mimetype === undefined ? 'absent' : 'valid',
      manifest: layout.manifest.name,
      manifestNamespace: manifest.namespace,
      digestsVerified: files.length,
      digestAlgorithms: [...new Set(manifest.references.map((r) => r.digestAlgorithm))],
      signature: signature.status,
      signerTrusted: signature.status === 'verified' && options.trusted !== undefined ? true : null,
      ignoredEntries: layout.ignored,
    },
  };
}

export function checkDeclaredEntryCount(archive: ZipArchive, limits: AsiceLimits): void {
  if (archive.declaredEntryCount > limits.maxEntries)
    throw fail('LIMIT_EXCEEDED', `The container declares more than ${limits.maxEntries} entries.`, {
      limit: limits.maxEntries,
    });
}

/** {@link readAsice} for bytes without `outDir`: everything in memory, synchronously. */
/** The signature entry the manifest references; undefined when unsigned and that is allowed. */
function signatureEntryOf(
  manifest: AsicManifest,
  layout: Layout,
  options: ReadAsiceOptions,
): ZipArchiveEntry | undefined {
  const uri = manifest.signatureUri;
  for (const name of layout.signatures.keys())
    if (name !== uri)
      throw fail(
        'UNEXPECTED_META_INF_ENTRY',
        `The signature ${JSON.stringify(name)} is not referenced by the manifest.`,
        {
          name,
        },
      );
  if (uri === undefined) {
    if (options.allowUnsigned) return undefined;
    throw fail('SIGNATURE_MISSING', 'The manifest has no SigReference: the container is not signed.');
  }
  const entry = layout.signatures.get(uri);
  if (entry === undefined)
    throw fail(
      'SIGNATURE_MISSING',
      `The manifest's SigReference points at ${JSON.stringify(uri)}, which is not in the container.`,
      {
        uri,
      },
    );
  return entry;
}

function verifySignature(
  signatureBytes: Buffer,
  entry: ZipArchiveEntry,
  manifestEntry: ZipArchiveEntry,
  manifestBytes: Buffer,
  options: ReadAsiceOptions,
): AsiceSignature {
  const verified = verifyDetached(
    signatureBytes,
    manifestBytes,
    options.trusted === undefined ? {} : { trusted: [...options.trusted] },
  );
  return {
    status: 'verified',
    signer: verified.signer,
    entryName: entry.name,
    digestAlgorithm: verified.digestAlgorithm,
    signerInfoCount: verified.signerInfoCount,
    ...(verified.signingTime === undefined ? {} : { signingTime: verified.signingTime }),
    signed: { manifestName: manifestEntry.name, manifest: manifestBytes, signature: signatureBytes },
  };
}
