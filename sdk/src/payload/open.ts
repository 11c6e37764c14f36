import type { KeyObject } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AsiceError } from '../asice/asice-error.js';
import { resolveAsiceLimits } from '../asice/asice-limits.js';
import { type AsiceContents, type ReadAsiceOptions, readAsice } from '../asice/asice-reader.js';
import { createEnvelopeDecryptor, decryptEnvelope } from '../crypto/cms-envelope-reader.js';
import { isFiksError } from '../errors/fiks-error.js';
import { createTempDirectory } from './temp-directory.js';

/** How {@link openPayload} decrypts and what it accepts. */
export interface OpenPayloadOptions extends ReadAsiceOptions {
  /** Every key that may be the recipient's (key rotation): each is tried. */
  privateKeys: KeyObject[];
}

/** Buffered bytes before the temporary file's stream asks to wait: reads and writes overlap. */
const WRITE_BUFFER_BYTES = 8 * 1024 * 1024;

/** Envelopes given in memory up to this size are opened without temporary files. */
const IN_MEMORY_OPEN_BYTES = 8 * 1024 * 1024;

/**
 * Opens a Fiks IO payload: decrypts the CMS envelope (trying every private key), then reads and
 * verifies the ASiC-E container inside (signature, every digest, limits). `input` is the
 * envelope's bytes, a stream of them, or (a string) a file path. Large inputs are decrypted to a
 * temporary file and read with random access, so memory stays bounded; the temporary file is
 * removed on success and on failure. With `outDir` the verified files are written there.
 */
export async function openPayload(
  input: Uint8Array | Readable | string,
  options: OpenPayloadOptions,
): Promise<AsiceContents> {
  if (input instanceof Uint8Array && input.length <= IN_MEMORY_OPEN_BYTES)
    return readAsice(decryptEnvelope(input, options.privateKeys), options);

  const limits = resolveAsiceLimits(options.limits);
  const maxPlaintextBytes =
    Math.ceil(limits.maxTotalBytes * 1.01) + limits.maxEntries * 4096 + 3 * limits.maxMetadataBytes;
  const temp = await createTempDirectory();
  try {
    const zipPath = join(temp.path, 'payload.asice');
    const source =
      typeof input === 'string'
        ? createReadStream(input, { highWaterMark: 1024 * 1024 })
        : input instanceof Uint8Array
          ? Readable.from([input])
          : input;
    try {
      await pipeline(
        source,
        createEnvelopeDecryptor(options.privateKeys, { maxPlaintextBytes }),
        createWriteStream(zipPath, { highWaterMark: WRITE_BUFFER_BYTES }),
      );
    } catch (error) {
      if (isFiksError(error)) throw error;
      throw new AsiceError(
        'INPUT_UNREADABLE',
        'Could not read the encrypted payload or store its decrypted form.',
        {
          cause: error,
        },
      );
    }
    return await readAsice(zipPath, options);
  } finally {
    await temp.remove();
  }
}
