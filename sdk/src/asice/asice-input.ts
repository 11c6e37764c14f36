/** What a container to write is made of, and the checks and choices every writer shares. */
import type { Readable } from 'node:stream';
import type { Signer } from '../crypto/cms-signature.js';
import { AsiceError } from './asice-error.js';
import { assertPayloadFileName } from './entry-name.js';
import { isCompressibleMediaType } from './media-type.js';

/** A payload file's content: bytes, a stream, or (a string) the path of a file to read. */
export type AsiceFileData = Uint8Array | Readable | string;

/** One payload file of a container to write. */
export interface AsiceFileInput {
  /** The entry name: a plain file name, at the root of the container. */
  name: string;
  data: AsiceFileData;
  /** Defaults to the type the name's extension implies. */
  mimeType?: string;
}

/**
 * `auto` (the default) deflates text-like types and stores the rest; streams of unknown length
 * are always deflated (a STORED entry needs its size and CRC before its bytes).
 */
export type AsiceCompression = 'auto' | 'deflate' | 'store';

export interface WriteAsiceOptions {
  files: readonly AsiceFileInput[];
  signer: Signer;
  compression?: AsiceCompression;
}

/** What was written: the payload files as listed in the manifest, and the metadata entries. */
export interface AsiceWriteResult {
  files: Array<{ name: string; size: number; sha256: string; mimeType: string }>;
  manifest: Buffer;
  signatureEntryName: string;
}

/** Whether a file of `mimeType` is deflated under `compression`. */
export function shouldCompress(mimeType: string, compression: AsiceCompression): boolean {
  return compression === 'deflate' || (compression === 'auto' && isCompressibleMediaType(mimeType));
}

/** Fails unless there is at least one file and every name is a safe, distinct payload file name. */
export function checkPayloadNames(files: readonly AsiceFileInput[]): void {
  if (files.length === 0)
    throw new AsiceError('ASICE_MALFORMED', 'A container needs at least one payload file; none were given.');
  const seen = new Set<string>();
  for (const file of files) {
    assertPayloadFileName(file.name);
    const key = file.name.toLowerCase();
    if (seen.has(key))
      throw new AsiceError(
        'DUPLICATE_ENTRY',
        `The payload file name ${JSON.stringify(file.name)} is given twice.`,
        {
          details: { name: file.name },
        },
      );
    seen.add(key);
  }
}
