/** What each entry of a container is (mimetype, manifest, signature, payload file, ignored), judged from the central directory. */
import { asiceFailure as fail } from './asice-error.js';
import { type AsiceLimits, RATIO_GRACE_BYTES } from './asice-limits.js';
import { isMetaInfName, unsafeEntryNameReason } from './entry-name.js';
import type { ZipArchiveEntry } from './zip-archive.js';

const MANIFEST_NAME = /^META-INF\/ASiCManifest[^/]*\.xml$/i;
const SIGNATURE_NAME = /^META-INF\/signature[^/]*\.p7s$/i;
const OASIS_MANIFEST_NAME = /^META-INF\/manifest\.xml$/i;

/** The entries sorted by role. */
export interface Layout {
  mimetype: ZipArchiveEntry | undefined;
  manifest: ZipArchiveEntry;
  signatures: Map<string, ZipArchiveEntry>;
  data: Map<string, ZipArchiveEntry>;
  ignored: string[];
}

/**
 * Sorts the entries by role, refusing unsafe or duplicate names, encryption, unknown compression,
 * sizes past the limits, unknown `META-INF/` files and anything but exactly one ASiC manifest.
 */
export function classify(entries: ZipArchiveEntry[], limits: AsiceLimits): Layout {
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
