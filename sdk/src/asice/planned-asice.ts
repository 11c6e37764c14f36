/**
 * An ASiC-E container planned before its payload bytes are read: a first pass learns every payload
 * file's size and CRC-32, so every length of the container (and with it of a DER envelope around
 * it) is known up front, and a second pass streams the files once, digesting them on the way.
 * Payload files all in memory are the special case with no passes at all: their digests, and so
 * the manifest and its signature, are made while planning.
 */
import { createHash, randomUUID } from 'node:crypto';
import { type FileHandle, open } from 'node:fs/promises';
import { crc32, deflateRawSync } from 'node:zlib';
import { signDetached } from '../crypto/cms-signature.js';
import { isFiksError } from '../errors/fiks-error.js';
import { ASICE_MIMETYPE, MANIFEST_ENTRY_NAME, writeAsicManifest } from './asic-manifest.js';
import { AsiceError } from './asice-error.js';
import {
  type AsiceFileInput,
  type AsiceWriteResult,
  checkPayloadNames,
  shouldCompress,
  type WriteAsiceOptions,
} from './asice-input.js';
import { checksumFile, createFileDigestPipeline } from './file-digest-pipeline.js';
import { mediaTypeForFileName } from './media-type.js';
import { readAhead, readFully } from './read-ahead.js';
import {
  centralDirectoryHeader,
  dosDateTime,
  endRecords,
  FLAG_UTF8,
  localFileHeader,
  STORED,
  type ZipEntryRecord,
} from './zip-writer.js';

const DEFLATED = 8;
/**
 * Read size of both passes over payload files (and so the size of the chunks encrypted): smaller
 * chunks cost more in hand-overs than they save in cache misses.
 */
const CHUNK_BYTES = 2 * 1024 * 1024;
/** Reads in flight ahead of the chunk being used. */
const READ_AHEAD = 2;

/** A container whose exact length is known; {@link AsicePlan.chunks} produces its bytes once. */
export interface AsicePlan {
  /** The container's length in bytes, exactly what {@link AsicePlan.chunks} yields in total. */
  readonly length: number;
  /**
   * The container's bytes in order. A chunk is valid only until the next one is requested (file
   * bytes are read into reused buffers). Fails with `INPUT_CHANGED` when a payload file no longer
   * has the size and CRC-32 the plan was made with.
   */
  chunks(): AsyncGenerator<Uint8Array>;
  /** True when payload files are read from disk (into reused buffers); false when all are in memory. */
  readonly readsFiles: boolean;
  /** What was written, once {@link AsicePlan.chunks} has yielded everything. */
  written(): AsiceWriteResult;
}

interface PlannedFile {
  record: ZipEntryRecord;
  header: Buffer;
  mimeType: string;
  /** The entry's stored bytes (deflated or not) for in-memory files; the path otherwise. */
  body: { bytes: Uint8Array; plain: Uint8Array } | { path: string };
}

function record(
  name: string,
  method: number,
  crc: number,
  size: number,
  compressedSize: number,
): ZipEntryRecord {
  return { name: Buffer.from(name, 'utf8'), method, flags: FLAG_UTF8, crc, size, compressedSize, offset: 0 };
}

function unreadable(name: string, cause: unknown): AsiceError {
  if (isFiksError(cause) && cause instanceof AsiceError) return cause;
  return new AsiceError('INPUT_UNREADABLE', `Could not read the payload file ${JSON.stringify(name)}.`, {
    cause,
    details: { name },
  });
}

function changed(name: string): AsiceError {
  return new AsiceError(
    'INPUT_CHANGED',
    `The content of ${JSON.stringify(name)} changed while it was read.`,
    {
      details: { name },
    },
  );
}

/** First pass: the size and CRC-32 of the payload file at `path`. */
export async function measurePayloadFile(path: string, name: string): Promise<{ size: number; crc: number }> {
  let handle: FileHandle | undefined;
  let measured: { size: number; crc: number } | undefined;
  try {
    handle = await open(path, 'r');
    measured = await checksumFile(handle, CHUNK_BYTES, READ_AHEAD + 1);
  } catch (error) {
    throw unreadable(name, error);
  } finally {
    await handle?.close();
  }
  if (measured === undefined) throw changed(name);
  return measured;
}

/**
 * Second pass: yields the file's bytes (chunks valid until the next is requested) while they are
 * digested, on a worker thread for large files; checks size and CRC-32 and returns the SHA-256.
 */
async function* streamFile(
  path: string,
  entry: ZipEntryRecord,
  name: string,
): AsyncGenerator<Buffer, Buffer> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw unreadable(name, error);
  }
  const size = entry.size;
  const digest = createFileDigestPipeline(size, CHUNK_BYTES, READ_AHEAD + 1);
  const chunks = readAhead(handle, {
    length: size,
    chunkBytes: CHUNK_BYTES,
    depth: READ_AHEAD,
    buffer: (index) => digest.buffer(index),
  });
  let finished = false;
  try {
    let position = 0;
    let index = 0;
    for (;;) {
      const next = await chunks.next().catch((error: unknown) => {
        throw unreadable(name, error);
      });
      if (next.done) break;
      digest.submit(index++, next.value.length);
      position += next.value.length;
      yield next.value;
    }
    if (position !== size) throw changed(name);
    const probe = Buffer.allocUnsafe(1);
    const grown = await readFully(handle, probe, 1, size).catch((error: unknown) => {
      throw unreadable(name, error);
    });
    const { sha256, crc } = await digest.finish();
    finished = true;
    if (grown !== 0 || crc !== entry.crc) throw changed(name);
    return sha256;
  } finally {
    // Reads still in flight land before the worker and the file are let go.
    await chunks.return(undefined);
    if (!finished) digest.abandon();
    await handle.close();
  }
}

/**
 * Plans a signed ASiC-E container for `options` (the layout {@link writeAsice} writes, with the
 * manifest STORED so its length is known): checks names, measures every payload file (first
 * pass) and fixes the signature entry's length by a trial signature. Returns `undefined` when the
 * length cannot be known up front: a payload given as a stream, or a file on disk to deflate.
 */
export async function planAsice(options: WriteAsiceOptions): Promise<AsicePlan | undefined> {
  checkPayloadNames(options.files);
  const compression = options.compression ?? 'auto';
  const mimeTypes = options.files.map((file) => file.mimeType ?? mediaTypeForFileName(file.name));
  const plannable = options.files.every(
    (file, index) =>
      file.data instanceof Uint8Array ||
      (typeof file.data === 'string' && !shouldCompress(mimeTypes[index]!, compression)),
  );
  if (!plannable) return undefined;

  const stamp = dosDateTime(new Date());
  let offset = 0;
  const place = (entry: ZipEntryRecord): Buffer => {
    entry.offset = offset;
    const header = localFileHeader(entry, stamp, true);
    offset += header.length + entry.compressedSize;
    return header;
  };

  const mimetypeBytes = Buffer.from(ASICE_MIMETYPE, 'ascii');
  const mimetype = record(
    'mimetype',
    STORED,
    crc32(mimetypeBytes),
    mimetypeBytes.length,
    mimetypeBytes.length,
  );
  const mimetypeHeader = place(mimetype);

  const files: PlannedFile[] = [];
  for (const [index, file] of options.files.entries()) {
    const mimeType = mimeTypes[index]!;
    files.push(await planFile(file, mimeType, shouldCompress(mimeType, compression), place));
  }

  const signatureEntryName = `META-INF/signature-${randomUUID()}.p7s`;
  const nameOf = (file: PlannedFile) => file.record.name.toString('utf8');
  const metadataOf = (digests: readonly Buffer[]) => {
    const manifestBytes = writeAsicManifest(
      files.map((f, i) => ({ name: nameOf(f), mimeType: f.mimeType, sha256: digests[i]! })),
      signatureEntryName,
    );
    return { digests, manifestBytes, signatureBytes: signDetached(manifestBytes, options.signer) };
  };
  // All in memory: the digests are known now, so the metadata is made once and not measured.
  const readsFiles = files.some((f) => 'path' in f.body);
  const known = readsFiles
    ? undefined
    : metadataOf(
        files.map((f) =>
          createHash('sha256')
            .update((f.body as { plain: Uint8Array }).plain)
            .digest(),
        ),
      );
  const manifestLength =
    known?.manifestBytes.length ??
    writeAsicManifest(
      files.map((f) => ({ name: nameOf(f), mimeType: f.mimeType, sha256: Buffer.alloc(32) })),
      signatureEntryName,
    ).length;
  const manifest = record(MANIFEST_ENTRY_NAME, STORED, 0, manifestLength, manifestLength);
  const manifestHeaderLength = place(manifest).length;
  // Every field of the signature has a fixed width for a given signer; a trial signature measures it.
  const signatureLength =
    known?.signatureBytes.length ?? signDetached(Buffer.alloc(manifestLength), options.signer).length;
  const signature = record(signatureEntryName, STORED, 0, signatureLength, signatureLength);
  const signatureHeaderLength = place(signature).length;

  const entries = [mimetype, ...files.map((f) => f.record), manifest, signature];
  const directoryOffset = offset;
  const directorySize = entries.reduce((sum, entry) => sum + centralDirectoryHeader(entry, stamp).length, 0);
  const comment = `mimetype=${ASICE_MIMETYPE}`;
  const length =
    directoryOffset +
    directorySize +
    endRecords(entries.length, directoryOffset, directorySize, comment).length;

  let result: AsiceWriteResult | undefined;
  async function* chunks(): AsyncGenerator<Uint8Array> {
    yield mimetypeHeader;
    yield mimetypeBytes;
    const digests: Buffer[] = [];
    for (const file of files) {
      yield file.header;
      if ('path' in file.body) digests.push(yield* streamFile(file.body.path, file.record, nameOf(file)));
      else {
        if (known === undefined) digests.push(createHash('sha256').update(file.body.plain).digest());
        for (let i = 0; i < file.body.bytes.length; i += CHUNK_BYTES)
          yield file.body.bytes.subarray(i, i + CHUNK_BYTES);
      }
    }
    const metadata = known ?? metadataOf(digests);
    const { manifestBytes, signatureBytes } = metadata;
    if (manifestBytes.length !== manifestLength || signatureBytes.length !== signatureLength)
      throw new AsiceError(
        'OUTPUT_FAILED',
        'The container metadata came out at a different length than planned.',
        {
          details: {
            manifest: [manifestLength, manifestBytes.length],
            signature: [signatureLength, signatureBytes.length],
          },
        },
      );
    manifest.crc = crc32(manifestBytes);
    signature.crc = crc32(signatureBytes);
    const headersCheck = [localFileHeader(manifest, stamp, true), localFileHeader(signature, stamp, true)];
    if (headersCheck[0]!.length !== manifestHeaderLength || headersCheck[1]!.length !== signatureHeaderLength)
      throw new AsiceError('OUTPUT_FAILED', 'A zip header came out at a different length than planned.');
    yield headersCheck[0]!;
    yield manifestBytes;
    yield headersCheck[1]!;
    yield signatureBytes;
    yield Buffer.concat([
      ...entries.map((entry) => centralDirectoryHeader(entry, stamp)),
      endRecords(entries.length, directoryOffset, directorySize, comment),
    ]);
    result = {
      files: files.map((f, i) => ({
        name: nameOf(f),
        size: f.record.size,
        sha256: metadata.digests[i]!.toString('hex'),
        mimeType: f.mimeType,
      })),
      manifest: manifestBytes,
      signatureEntryName,
    };
  }

  const written = (): AsiceWriteResult => {
    if (result === undefined) throw new Error('the planned container has not been written yet');
    return result;
  };
  return { length, chunks, readsFiles, written };
}

async function planFile(
  file: AsiceFileInput,
  mimeType: string,
  compress: boolean,
  place: (entry: ZipEntryRecord) => Buffer,
): Promise<PlannedFile> {
  if (file.data instanceof Uint8Array) {
    const plain = file.data;
    const deflated = compress ? deflateRawSync(plain) : undefined;
    const bytes = deflated !== undefined && deflated.length < plain.length ? deflated : plain;
    const entry = record(
      file.name,
      bytes === plain ? STORED : DEFLATED,
      crc32(plain),
      plain.length,
      bytes.length,
    );
    return { record: entry, header: place(entry), mimeType, body: { bytes, plain } };
  }
  const path = file.data as string;
  const { size, crc } = await measurePayloadFile(path, file.name);
  const entry = record(file.name, STORED, crc, size, size);
  return { record: entry, header: place(entry), mimeType, body: { path } };
}
