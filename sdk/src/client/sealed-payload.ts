import { createReadStream, createWriteStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { type SealPayloadOptions, sealPayload, sealPayloadToBuffer } from '../payload/seal.js';
import { createTempDirectory } from '../payload/temp-directory.js';

/** A sealed payload ready to send: bytes, or a file opened afresh for each attempt. */
export interface SealedPayload {
  payload: Uint8Array | (() => Readable);
  length: number;
  /** Removes what the payload left on disk. */
  release(): Promise<void>;
}

/** Payloads given as bytes up to this total are sealed in memory; anything else goes through a file. */
const IN_MEMORY_SEND_BYTES = 8 * 1024 * 1024;

function bytesInMemory(options: SealPayloadOptions): number | undefined {
  let total = 0;
  for (const file of options.files) {
    if (!(file.data instanceof Uint8Array)) return undefined;
    total += file.data.byteLength;
  }
  return total;
}

/**
 * Seals a payload for sending with bounded memory: small payloads given as bytes in memory, every
 * other one streamed to a private temporary file, whose known length goes into Content-Length and
 * which is read afresh by each attempt. `release()` removes the file.
 */
export async function sealForSending(options: SealPayloadOptions): Promise<SealedPayload> {
  const size = bytesInMemory(options);
  if (size !== undefined && size <= IN_MEMORY_SEND_BYTES) {
    const bytes = await sealPayloadToBuffer(options);
    return { payload: bytes, length: bytes.byteLength, release: async () => undefined };
  }
  const temp = await createTempDirectory();
  try {
    const path = join(temp.path, 'sealed.cms');
    await pipeline(sealPayload(options), createWriteStream(path));
    const { size: length } = await stat(path);
    return {
      payload: () => createReadStream(path, { highWaterMark: 1024 * 1024 }),
      length,
      release: () => temp.remove(),
    };
  } catch (error) {
    await temp.remove();
    throw error;
  }
}
