/** The in-memory strategy: a container held as bytes, read synchronously, its payload files returned in memory. */
import type { AsiceContents, AsiceFile, ReadAsiceOptions } from './asice-contents.js';
import { resolveAsiceLimits } from './asice-limits.js';
import {
  boundsOf,
  checkDeclaredEntryCount,
  contentsOf,
  inMemoryExceeded,
  verifyMetadata,
} from './asice-metadata.js';
import { FileDigest } from './payload-digest.js';
import { ZipArchive } from './zip-archive.js';

/** {@link readAsice} for bytes without `outDir`: everything in memory, synchronously. */
export function readAsiceInMemory(source: Uint8Array, options: ReadAsiceOptions): AsiceContents {
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
