/** Bounds on what reading a container may cost; every one is enforced on real, inflated bytes. */
export interface AsiceLimits {
  /** Zip entries, metadata included. */
  maxEntries: number;
  /** Inflated bytes of any one entry. */
  maxEntryBytes: number;
  /** Inflated bytes of all entries together. */
  maxTotalBytes: number;
  /** Inflated ÷ compressed size of an entry, once it has inflated past 1 MiB (zip bombs). */
  maxCompressionRatio: number;
  /** Inflated bytes of each of `mimetype`, the manifest and the signature. */
  maxMetadataBytes: number;
  /** Payload bytes held in memory when no output directory is given. */
  maxInMemoryBytes: number;
}

const GiB = 1024 * 1024 * 1024;
const MiB = 1024 * 1024;

/** Fiks IO carries at most 5 GB; the defaults allow that and little else. */
export const DEFAULT_ASICE_LIMITS: Readonly<AsiceLimits> = Object.freeze({
  maxEntries: 1000,
  maxEntryBytes: 5 * GiB,
  maxTotalBytes: 5 * GiB,
  maxCompressionRatio: 200,
  maxMetadataBytes: 4 * MiB,
  maxInMemoryBytes: 64 * MiB,
});

/** Inflated bytes below which the compression ratio is not enforced. */
export const RATIO_GRACE_BYTES = MiB;

/** The defaults with `overrides` applied. */
export function resolveAsiceLimits(overrides: Partial<AsiceLimits> = {}): AsiceLimits {
  const limits = { ...DEFAULT_ASICE_LIMITS };
  for (const key of Object.keys(limits) as Array<keyof AsiceLimits>) {
    const value = overrides[key];
    if (value !== undefined) limits[key] = value;
  }
  return limits;
}
