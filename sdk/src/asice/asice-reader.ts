import { createHash, type Hash, type X509Certificate } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, open, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { verifyDetached } from '../crypto/cms-signature.js';
import { isFiksError } from '../errors/fiks-error.js';
import { ASICE_MIMETYPE, type AsicManifest, type DataObjectReference } from './asic-manifest.js';
import { parseAsicManifest } from './asic-manifest-parser.js';
import { AsiceError } from './asice-error.js';
import { type AsiceLimits, RATIO_GRACE_BYTES, resolveAsiceLimits } from './asice-limits.js';
import { isMetaInfName, unsafeEntryNameReason } from './entry-name.js';
import { KEPT_IN_MEMORY_BYTES, type StreamedZip, type StreamedZipEntry } from './streamed-zip.js';
import { type InflateBounds, ZipArchive, type ZipArchiveEntry } from './zip-archive.js';

export interface ReadAsiceOptions {
  /** When given, the signer must be one of these certificates (or chain to one, as the crypto layer decides). */
  trusted?: readonly X509Certificate[];
  /** Accept a container without a signature (`signature.status` is then `absent`). A present signature must still verify. */
  allowUnsigned?: boolean;
  limits?: Partial<AsiceLimits>;
  /**
   * Write the payload files here (created if missing; existing files of the same names are
   * replaced) once everything verified. Without it the files are returned in memory, up to
   * `limits.maxInMemoryBytes`.
   */
  outDir?: string;
}

/** A verified payload file. */
export interface AsiceFile {
  name: string;
  size: number;
  /** Hex SHA-256 of the content. */
  sha256: string;
  mimeType: string;
  /** The content, for files kept in memory and files of at most 1 MiB written to `outDir`. */
  data?: Buffer;
  /** Where the file was written, with `outDir`. */
  path?: string;
}

/** The signature's outcome: `absent` only ever with `allowUnsigned`. */
export type AsiceSignature =
  | { status: 'absent' }
  | {
      status: 'verified';
      signer: X509Certificate;
      entryName: string;
      digestAlgorithm: string;
      signerInfoCount: number;
      signingTime?: Date;
      /** The signed manifest and the signature entry exactly as in the container (kept as evidence). */
      signed: { manifestName: string; manifest: Buffer; signature: Buffer };
    };

/** What was checked, for reports and the CLI summary. */
export interface AsiceChecks {
  mimetype: 'valid' | 'absent';
  manifest: string;
  manifestNamespace: string;
  /** Payload files whose manifest digest matched (all of them, or reading failed). */
  digestsVerified: number;
  digestAlgorithms: string[];
  signature: 'verified' | 'absent';
  /** True when a trust list was given and the signer passed it; null without a trust list. */
  signerTrusted: boolean | null;
  /** Entries that were tolerated and not used (directories, an OASIS `META-INF/manifest.xml`). */
  ignoredEntries: string[];
}

/** A fully verified container. */
export interface AsiceContents {
  files: AsiceFile[];
  signature: AsiceSignature;
  checks: AsiceChecks;
}

const MANIFEST_NAME = /^META-INF\/ASiCManifest[^/]*\.xml$/i;
const SIGNATURE_NAME = /^META-INF\/signature[^/]*\.p7s$/i;
const OASIS_MANIFEST_NAME = /^META-INF\/manifest\.xml$/i;

interface Layout {
  mimetype: ZipArchiveEntry | undefined;
  manifest: ZipArchiveEntry;
  signatures: Map<string, ZipArchiveEntry>;
  data: Map<string, ZipArchiveEntry>;
  ignored: string[];
}

function fail(
  code: ConstructorParameters<typeof AsiceError>[0],
  message: string,
  details?: Record<string, unknown>,
) {
  return new AsiceError(code, message, details === undefined ? {} : { details });
}

function classify(entries: ZipArchiveEntry[], limits: AsiceLimits): Layout {
  if (entries.length > limits.maxEntries)
    throw fail('LIMIT_EXCEEDED', `The container has more than ${limits.maxEntries} entries.`, {
      limit: limits.maxEntries,
    });
  const seen = new Set<string>();
  const manifests: ZipArchiveEntry[] = [];
  const layout: Omit<Layout, 'manifest'> = {
    mimetype: undefined,
    signatures: new Map(),
    data: new Map(),
    ignored: [],
  };
  let declaredTotal = 0;
  entries.forEach((entry, index) => {
    const { name } = entry;
    const reason = unsafeEntryNameReason(name);
    if (reason !== undefined)
      throw fail('UNSAFE_ENTRY_NAME', `The entry name ${JSON.stringify(name)} is unsafe: ${reason}.`, {
        name,
      });
    const key = name.toLowerCase();
    if (seen.has(key))
      throw fail('DUPLICATE_ENTRY', `The entry ${JSON.stringify(name)} appears twice.`, { name });
    seen.add(key);
    if (entry.encrypted)
      throw fail(
        'ENTRY_ENCRYPTED',
        `The entry ${JSON.stringify(name)} is zip-encrypted, which ASiC-E does not allow.`,
        {
          name,
        },
      );
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
      throw fail(
        'ZIP_UNSUPPORTED',
        `The entry ${JSON.stringify(name)} uses compression method ${entry.compressionMethod}.`,
        {
          name,
        },
      );
    if (entry.size > limits.maxEntryBytes)
      throw fail('LIMIT_EXCEEDED', `The entry ${JSON.stringify(name)} claims ${entry.size} bytes.`, {
        name,
        limit: limits.maxEntryBytes,
      });
    if (
      entry.size > RATIO_GRACE_BYTES &&
      entry.size > Math.max(entry.compressedSize, 1) * limits.maxCompressionRatio
    )
      throw fail(
        'LIMIT_EXCEEDED',
        `The entry ${JSON.stringify(name)} claims to inflate more than ${limits.maxCompressionRatio} times (a zip bomb?).`,
        { name, limit: limits.maxCompressionRatio },
      );
    declaredTotal += entry.size;
    if (entry.isDirectory) {
      if (entry.size !== 0)
        throw fail('ZIP_MALFORMED', `The directory entry ${JSON.stringify(name)} has content.`, { name });
      layout.ignored.push(name);
    } else if (name === 'mimetype') {
      if (index !== 0)
        throw fail('MIMETYPE_INVALID', 'The mimetype entry must be the first entry of the container.', {
          index,
        });
      layout.mimetype = entry;
    } else if (isMetaInfName(name)) {
      if (MANIFEST_NAME.test(name)) manifests.push(entry);
      else if (SIGNATURE_NAME.test(name)) layout.signatures.set(name, entry);
      else if (OASIS_MANIFEST_NAME.test(name)) layout.ignored.push(name);
      else
        throw fail(
          'UNEXPECTED_META_INF_ENTRY',
          `The entry ${JSON.stringify(name)} is not allowed in META-INF/.`,
          {
            name,
          },
        );
    } else layout.data.set(name, entry);
  });
  if (declaredTotal > limits.maxTotalBytes)
    throw fail('LIMIT_EXCEEDED', `The container's entries claim ${declaredTotal} bytes in total.`, {
      limit: limits.maxTotalBytes,
    });
  const [manifest, ...others] = manifests;
  if (manifest === undefined)
    throw fail(
      'MANIFEST_MISSING',
      'The container has no META-INF/ASiCManifest*.xml, so nothing can be verified.',
    );
  if (others.length > 0)
    throw fail('ASICE_MALFORMED', 'The container has more than one ASiC manifest; only one is supported.', {
      manifests: manifests.map((m) => m.name),
    });
  return { ...layout, manifest };
}

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
interface VerifiedMetadata {
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
function* verifyMetadata(
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
function boundsOf(limits: AsiceLimits): (maxBytes: number) => InflateBounds {
  const total = { remaining: limits.maxTotalBytes, limit: limits.maxTotalBytes };
  return (maxBytes) => ({
    maxBytes,
    maxRatio: limits.maxCompressionRatio,
    ratioGraceBytes: RATIO_GRACE_BYTES,
    total,
  });
}

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
class FileDigest {
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
async function verifyStreamedDigest(
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

/**
 * Pairs the central directory with the entries taken while streaming: every entry that starts
 * before the spooled part must be one of them, read as the same STORED bytes, and each is used
 * once. Their bytes count against the container's total.
 */
function matchStreamed(
  entries: ZipArchiveEntry[],
  streamed: StreamedZip,
  total: { remaining: number },
): Map<ZipArchiveEntry, StreamedZipEntry> {
  const matched = new Map<ZipArchiveEntry, StreamedZipEntry>();
  const used = new Set<number>();
  for (const entry of entries) {
    if (entry.localHeaderOffset >= streamed.spoolStart) continue;
    const taken = streamed.entries.get(entry.localHeaderOffset);
    if (
      taken === undefined ||
      used.has(entry.localHeaderOffset) ||
      entry.compressionMethod !== 0 ||
      entry.compressedSize !== taken.size
    )
      throw fail(
        'ZIP_MALFORMED',
        `The container is not a readable zip file: the central directory and the local header of ${JSON.stringify(entry.name)} disagree.`,
        { name: entry.name },
      );
    used.add(entry.localHeaderOffset);
    total.remaining -= taken.size;
    matched.set(entry, taken);
  }
  return matched;
}

function inMemoryExceeded(limits: AsiceLimits): AsiceError {
  return fail('LIMIT_EXCEEDED', `The payload files inflate to more than ${limits.maxInMemoryBytes} bytes.`, {
    limit: limits.maxInMemoryBytes,
  });
}

function contentsOf(
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

function checkDeclaredEntryCount(archive: ZipArchive, limits: AsiceLimits): void {
  if (archive.declaredEntryCount > limits.maxEntries)
    throw fail('LIMIT_EXCEEDED', `The container declares more than ${limits.maxEntries} entries.`, {
      limit: limits.maxEntries,
    });
}

/** {@link readAsice} for bytes without `outDir`: everything in memory, synchronously. */
function readAsiceInMemory(source: Uint8Array, options: ReadAsiceOptions): AsiceContents {
  const limits = resolveAsiceLimits(options.limits);
  const archive = ZipArchive.fromBytes(source);
  checkDeclaredEntryCount(archive, limits);
  const bounds = boundsOf(limits);
  const steps = verifyMetadata(archive.entriesSync(), limits, options);
  let step = steps.next();
  while (!step.done) step = steps.next(archive.readEntry(step.value, bounds(limits.maxMetadataBytes)));
  const metadata = step.value;
  const files: AsiceFile[] = [];
  let inMemory = 0;
  for (const { reference, entry } of metadata.planned) {
    const data = archive.readEntry(entry, bounds(limits.maxEntryBytes));
    inMemory += data.length;
    if (inMemory > limits.maxInMemoryBytes) throw inMemoryExceeded(limits);
    const digest = new FileDigest(reference);
    digest.update(data);
    const sha256 = digest.verify(entry);
    // Stored entries are views of the container: copy them so the file owns its bytes.
    const owned = entry.compressionMethod === 0 ? Buffer.from(data) : data;
    files.push({ name: entry.name, size: data.length, sha256, mimeType: reference.mimeType, data: owned });
  }
  return contentsOf(files, metadata, options);
}

/**
 * Reads and verifies an ASiC-E container (a file path or its bytes) as KS's Java and .NET clients
 * write it: safe entry names, no duplicates, no unknown `META-INF/` files, the manifest's digest
 * for every payload file and a payload file for every manifest entry, and the CAdES signature
 * over the exact manifest bytes. Limits are enforced on the real inflated bytes. Nothing is
 * written to `outDir` unless everything verified.
 */
export async function readAsice(
  source: string | Uint8Array,
  options: ReadAsiceOptions = {},
): Promise<AsiceContents> {
  if (typeof source !== 'string' && options.outDir === undefined) return readAsiceInMemory(source, options);
  return readArchive(await ZipArchive.open(source), options, undefined);
}

/**
 * {@link readAsice} for a container taken apart while it streamed ({@link StreamedZipWriter}): the
 * taken entries are checked against the central directory in the spooled rest and used as they
 * are, so their bytes are neither written nor read twice. The staging directory stays the
 * caller's to remove.
 */
export async function readStreamedAsice(
  streamed: StreamedZip,
  options: ReadAsiceOptions = {},
): Promise<AsiceContents> {
  const archive = await ZipArchive.open(streamed.spoolPath, { baseOffset: streamed.spoolStart });
  return readArchive(archive, options, streamed);
}

/** Creates the directory in `outDir` where payload files wait until everything verified. */
export async function createStagingDirectory(outDir: string): Promise<string> {
  await mkdir(outDir, { recursive: true }).catch(outputFailed);
  return await mkdtemp(join(outDir, '.asice-')).catch(outputFailed);
}

async function readArchive(
  archive: ZipArchive,
  options: ReadAsiceOptions,
  streamed: StreamedZip | undefined,
): Promise<AsiceContents> {
  const limits = resolveAsiceLimits(options.limits);
  let staging = streamed?.stagingDir;
  let createdStaging = false;
  try {
    checkDeclaredEntryCount(archive, limits);
    const bounds = boundsOf(limits);
    const entries = await archive.entries();
    const shared = bounds(limits.maxMetadataBytes).total;
    const taken = streamed === undefined ? new Map() : matchStreamed(entries, streamed, shared);
    const steps = verifyMetadata(entries, limits, options);
    let step = steps.next();
    while (!step.done) {
      const entry = step.value;
      const takenEntry = taken.get(entry);
      if (takenEntry !== undefined) {
        step = steps.next(await takenBytes(takenEntry, entry, limits.maxMetadataBytes));
        continue;
      }
      const chunks: Buffer[] = [];
      await archive.pump(entry, bounds(limits.maxMetadataBytes), (chunk) => {
        chunks.push(chunk);
      });
      step = steps.next(Buffer.concat(chunks));
    }
    const metadata = step.value;
    if (options.outDir !== undefined && staging === undefined) {
      staging = await createStagingDirectory(options.outDir);
      createdStaging = true;
    }

    const files: AsiceFile[] = [];
    let inMemory = 0;
    for (const [index, { reference, entry }] of metadata.planned.entries()) {
      const takenEntry = taken.get(entry);
      if (takenEntry !== undefined) {
        const file = await takenFile(takenEntry, entry, reference, staging, index);
        if (staging === undefined) {
          inMemory += file.size;
          if (inMemory > limits.maxInMemoryBytes) throw inMemoryExceeded(limits);
        }
        files.push(file);
        continue;
      }
      const digest = new FileDigest(reference);
      const kept: Buffer[] = [];
      let size = 0;
      const stagedPath = staging === undefined ? undefined : join(staging, String(index));
      const handle = stagedPath === undefined ? undefined : await open(stagedPath, 'wx').catch(outputFailed);
      try {
        await archive.pump(entry, bounds(limits.maxEntryBytes), async (chunk) => {
          digest.update(chunk);
          size += chunk.length;
          if (handle === undefined) {
            inMemory += chunk.length;
            if (inMemory > limits.maxInMemoryBytes) throw inMemoryExceeded(limits);
            kept.push(chunk);
          } else {
            await handle.write(chunk).catch(outputFailed);
            if (size <= KEPT_IN_MEMORY_BYTES) kept.push(chunk);
          }
        });
      } finally {
        await handle?.close();
      }
      const file: AsiceFile = {
        name: entry.name,
        size,
        sha256: digest.verify(entry),
        mimeType: reference.mimeType,
      };
      if (handle === undefined || size <= KEPT_IN_MEMORY_BYTES) file.data = Buffer.concat(kept);
      if (stagedPath !== undefined) file.path = stagedPath;
      files.push(file);
    }

    if (options.outDir !== undefined) {
      const root = resolve(options.outDir);
      for (const file of files) {
        const target = resolve(root, file.name);
        if (!target.startsWith(root + sep))
          throw fail(
            'UNSAFE_ENTRY_NAME',
            `The entry ${JSON.stringify(file.name)} would leave the output directory.`,
          );
        await mkdir(dirname(target), { recursive: true }).catch(outputFailed);
        await rename(file.path!, target).catch(outputFailed);
        file.path = target;
      }
    }
    return contentsOf(files, metadata, options);
  } finally {
    archive.close();
    if (createdStaging) await rm(staging!, { recursive: true, force: true });
  }
}

/** The bytes of an entry taken while streaming: kept in memory, or read back from where they were staged. */
async function takenData(taken: StreamedZipEntry): Promise<Buffer> {
  return taken.data ?? (await readFile(taken.stagedPath!).catch(outputFailed));
}

/** The bytes of an entry taken while streaming, for the metadata checks. */
async function takenBytes(
  taken: StreamedZipEntry,
  entry: ZipArchiveEntry,
  maxBytes: number,
): Promise<Buffer> {
  if (taken.size > maxBytes)
    throw fail(
      'LIMIT_EXCEEDED',
      `The entry ${JSON.stringify(entry.name)} inflates to more than ${maxBytes} bytes.`,
      {
        name: entry.name,
        limit: maxBytes,
      },
    );
  return takenData(taken);
}

/** A payload file taken while streaming, its digest checked, staged when there is a staging directory. */
async function takenFile(
  taken: StreamedZipEntry,
  entry: ZipArchiveEntry,
  reference: DataObjectReference,
  staging: string | undefined,
  index: number,
): Promise<AsiceFile> {
  const file: AsiceFile = {
    name: entry.name,
    size: taken.size,
    sha256: await verifyStreamedDigest(reference, entry, taken),
    mimeType: reference.mimeType,
  };
  if (staging === undefined) {
    file.data = await takenData(taken);
    return file;
  }
  let path = taken.stagedPath;
  if (path === undefined) {
    path = join(staging, String(index));
    await writeFile(path, taken.data!, { flag: 'wx' }).catch(outputFailed);
  }
  file.path = path;
  if (taken.size <= KEPT_IN_MEMORY_BYTES) file.data = await takenData(taken);
  return file;
}

function outputFailed(error: unknown): never {
  if (isFiksError(error)) throw error;
  throw new AsiceError('OUTPUT_FAILED', 'Could not write a payload file to the output directory.', {
    cause: error,
  });
}

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
