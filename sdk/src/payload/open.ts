import type { KeyObject } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AsiceError } from '../asice/asice-error.js';
import { resolveAsiceLimits } from '../asice/asice-limits.js';
import {
  type AsiceContents,
  type ReadAsiceOptions,
  readAsice,
  readStreamedAsice,
  StagedOutput,
} from '../asice/asice-reader.js';
import { StreamedZipSplitter } from '../asice/streamed-zip.js';
import { createEnvelopeDecryptor, decryptEnvelope } from '../crypto/cms-envelope-reader.js';
import { isFiksError } from '../errors/fiks-error.js';
import { createTempDirectory } from './temp-directory.js';

/** How {@link openPayload} decrypts and what it accepts. */
export interface OpenPayloadOptions extends ReadAsiceOptions {
  /** Every key that may be the recipient's (key rotation): each is tried. */
  privateKeys: KeyObject[];
}

/** Envelopes up to this size (in memory, or a file read whole) are opened without temporary files. */
const IN_MEMORY_OPEN_BYTES = 8 * 1024 * 1024;

/** The envelope's bytes when it is small enough to open in memory (a small file is read whole). */
async function smallEnvelope(input: Uint8Array | Readable | string): Promise<Uint8Array | undefined> {
  if (input instanceof Uint8Array) return input.length <= IN_MEMORY_OPEN_BYTES ? input : undefined;
  if (typeof input !== 'string') return undefined;
  const handle = await open(input, 'r').catch(() => undefined);
  if (handle === undefined) return undefined; // the streamed path reports the file's failure
  try {
    if ((await handle.stat()).size > IN_MEMORY_OPEN_BYTES) return undefined;
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/**
 * Opens a Fiks IO payload: decrypts the CMS envelope (trying every private key), then reads and
 * verifies the ASiC-E container inside (signature, every digest, limits). `input` is the
 * envelope's bytes, a stream of them, or (a string) a file path. Small envelopes, given in memory
 * or as a file of at most 8 MiB, are opened in memory. Otherwise the container is taken apart as it is decrypted: its leading stored
 * entries go straight to memory or to the stage beside `outDir`, hashed on the way, and the
 * rest (the central directory, and everything a stream cannot delimit) to a temporary file read
 * with random access. Memory stays bounded; nothing reaches `outDir` unless everything verified,
 * and the temporary and staged files are removed on success and on failure.
 */
export async function openPayload(
  input: Uint8Array | Readable | string,
  options: OpenPayloadOptions,
): Promise<AsiceContents> {
  const whole = await smallEnvelope(input);
  if (whole !== undefined) return readAsice(decryptEnvelope(whole, options.privateKeys), options);

  const limits = resolveAsiceLimits(options.limits);
  const maxPlaintextBytes =
    Math.ceil(limits.maxTotalBytes * 1.01) + limits.maxEntries * 4096 + 3 * limits.maxMetadataBytes;
  const temp = await createTempDirectory();
  let output: StagedOutput | undefined;
  try {
    output = options.outDir === undefined ? undefined : await StagedOutput.create(options.outDir);
    const source =
      typeof input === 'string'
        ? createReadStream(input, { highWaterMark: 1024 * 1024 })
        : input instanceof Uint8Array
          ? Readable.from([input])
          : input;
    const container = new StreamedZipSplitter({
      spoolPath: join(temp.path, 'payload.asice'),
      limits,
      ...(output === undefined ? {} : { stagingDir: output.filesDir }),
    });
    try {
      await pipeline(source, createEnvelopeDecryptor(options.privateKeys, { maxPlaintextBytes }), container);
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
    return await readStreamedAsice(container.result(), options, output);
  } finally {
    // Verified files were moved out of it; whatever is left was never verified.
    await output?.remove();
    await temp.remove();
  }
}
