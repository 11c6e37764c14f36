/** Entries taken while the container streamed, paired with its central directory and used as they are. */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataObjectReference } from './asic-manifest.js';
import type { AsiceFile } from './asice-contents.js';
import { asiceFailure as fail, outputFailed } from './asice-error.js';
import { verifyStreamedDigest } from './payload-digest.js';
import { KEPT_IN_MEMORY_BYTES, type StreamedZip, type StreamedZipEntry } from './streamed-zip.js';
import type { ZipArchiveEntry } from './zip-archive.js';

/**
 * Pairs the central directory with the entries taken while streaming: every entry that starts
 * before the spooled part must be one of them, read as the same STORED bytes, and each is used
 * once. Their bytes count against the container's total.
 */
export function matchStreamed(
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

/** The bytes of an entry taken while streaming: kept in memory, or read back from where they were staged. */
async function takenData(taken: StreamedZipEntry): Promise<Buffer> {
  return taken.data ?? (await readFile(taken.stagedPath!).catch(outputFailed));
}

/** The bytes of an entry taken while streaming, for the metadata checks. */
export async function takenBytes(
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
export async function takenFile(
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
