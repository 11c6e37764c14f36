/**
 * Reading an ASiC-E container, by one of three strategies that give the same verdict for the same
 * bytes: in memory (bytes without an output directory), with random access (a file, or bytes
 * written to an output directory), or from what was taken apart while it streamed. Each runs the
 * same metadata checks ({@link verifyMetadata}) and digest checks; payload files written to an
 * output directory wait in a {@link StagedOutput} until everything verified.
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataObjectReference } from './asic-manifest.js';
import type { AsiceContents, AsiceFile, ReadAsiceOptions } from './asice-contents.js';
import { outputFailed } from './asice-error.js';
import { resolveAsiceLimits } from './asice-limits.js';
import {
  boundsOf,
  checkDeclaredEntryCount,
  contentsOf,
  inMemoryExceeded,
  verifyMetadata,
} from './asice-metadata.js';
import { FileDigest } from './payload-digest.js';
import { readAsiceInMemory } from './read-in-memory.js';
import { StagedOutput } from './staged-output.js';
import { matchStreamed, takenBytes, takenFile } from './streamed-entries.js';
import { KEPT_IN_MEMORY_BYTES, type StreamedZip } from './streamed-zip.js';
import { type InflateBounds, ZipArchive, type ZipArchiveEntry } from './zip-archive.js';

export type {
  AsiceChecks,
  AsiceContents,
  AsiceFile,
  AsiceSignature,
  ReadAsiceOptions,
} from './asice-contents.js';
export { StagedOutput } from './staged-output.js';

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
  return readArchive(await ZipArchive.open(source), options, undefined, undefined);
}

/**
 * {@link readAsice} for a container taken apart while it streamed ({@link StreamedZipSplitter}):
 * the taken entries are checked against the central directory in the spooled rest and used as
 * they are, so their bytes are neither written nor read twice. `output` is where the splitter
 * staged payload files (with `outDir`); it stays the caller's to remove.
 */
export async function readStreamedAsice(
  streamed: StreamedZip,
  options: ReadAsiceOptions = {},
  output?: StagedOutput,
): Promise<AsiceContents> {
  const archive = await ZipArchive.open(streamed.spoolPath, { baseOffset: streamed.spoolStart });
  return readArchive(archive, options, streamed, output);
}

/** The random-access and streamed strategies: metadata and payload files read or taken, then committed. */
async function readArchive(
  archive: ZipArchive,
  options: ReadAsiceOptions,
  streamed: StreamedZip | undefined,
  givenOutput: StagedOutput | undefined,
): Promise<AsiceContents> {
  const limits = resolveAsiceLimits(options.limits);
  let output = givenOutput;
  let ownOutput = false;
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
    if (options.outDir !== undefined && output === undefined) {
      output = await StagedOutput.create(options.outDir);
      ownOutput = true;
    }
    const staging = output?.filesDir;

    const files: AsiceFile[] = [];
    const inMemory = { bytes: 0, limit: limits.maxInMemoryBytes };
    for (const [index, { reference, entry }] of metadata.planned.entries()) {
      const takenEntry = taken.get(entry);
      if (takenEntry === undefined) {
        const stagedPath = staging === undefined ? undefined : join(staging, String(index));
        const read = await readPayloadFile(
          archive,
          entry,
          reference,
          bounds(limits.maxEntryBytes),
          stagedPath,
          inMemory,
        );
        files.push({ ...read, sha256: read.digest.verify(entry), mimeType: reference.mimeType });
        continue;
      }
      const file = await takenFile(takenEntry, entry, reference, staging, index);
      if (staging === undefined) {
        inMemory.bytes += file.size;
        if (inMemory.bytes > limits.maxInMemoryBytes) throw inMemoryExceeded(limits);
      }
      files.push(file);
    }

    if (output !== undefined) {
      const targets = await output.commit(files.map((file) => ({ name: file.name, stagedPath: file.path! })));
      files.forEach((file, i) => {
        file.path = targets[i]!;
      });
    }
    return contentsOf(files, metadata, options);
  } finally {
    archive.close();
    if (ownOutput) await output!.remove();
  }
}

/**
 * Reads one payload file with random access, digesting it on the way: into memory (counted
 * against `inMemory`), or to `stagedPath`, keeping small files in memory too.
 */
async function readPayloadFile(
  archive: ZipArchive,
  entry: ZipArchiveEntry,
  reference: DataObjectReference,
  bounds: InflateBounds,
  stagedPath: string | undefined,
  inMemory: { bytes: number; limit: number },
): Promise<Pick<AsiceFile, 'name' | 'size' | 'data' | 'path'> & { digest: FileDigest }> {
  const digest = new FileDigest(reference);
  const kept: Buffer[] = [];
  let size = 0;
  const handle = stagedPath === undefined ? undefined : await open(stagedPath, 'wx').catch(outputFailed);
  try {
    await archive.pump(entry, bounds, async (chunk) => {
      digest.update(chunk);
      size += chunk.length;
      if (handle === undefined) {
        inMemory.bytes += chunk.length;
        if (inMemory.bytes > inMemory.limit) throw inMemoryExceeded({ maxInMemoryBytes: inMemory.limit });
        kept.push(chunk);
      } else {
        await handle.write(chunk).catch(outputFailed);
        if (size <= KEPT_IN_MEMORY_BYTES) kept.push(chunk);
      }
    });
  } finally {
    await handle?.close();
  }
  return {
    name: entry.name,
    size,
    digest,
    ...(handle === undefined || size <= KEPT_IN_MEMORY_BYTES ? { data: Buffer.concat(kept) } : {}),
    ...(stagedPath === undefined ? {} : { path: stagedPath }),
  };
}
