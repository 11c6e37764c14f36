/** What reading an ASiC-E container is asked for and what it gives back. */
import type { X509Certificate } from 'node:crypto';
import type { AsiceLimits } from './asice-limits.js';

/** How an ASiC-E container is read: the trusted signers, whether a signature may be absent, the size limits. */
export interface ReadAsiceOptions {
  /** When given, the signer must be one of these certificates (or chain to one, as the crypto layer decides). */
  trusted?: readonly X509Certificate[];
  /** Accept a container without a signature (`signature.status` is then `absent`). A present signature must still verify. */
  allowUnsigned?: boolean;
  limits?: Partial<AsiceLimits>;
  /**
   * Write the payload files here (created if missing; existing files of the same names are
   * replaced) once everything verified, all or none: they wait in a stage beside it until then.
   * A path through a symbolic link inside it is refused. Without it the files are returned in
   * memory, up to `limits.maxInMemoryBytes`.
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
